namespace Parley.Server.Tests.Infrastructure;

/// <summary>A server of its own with settings a test chooses at run time (xunit fixtures need one parameterless constructor, so this is not one).</summary>
public sealed class ConfiguredServerFixture(string[] settings) : ServerFixture(settings);
