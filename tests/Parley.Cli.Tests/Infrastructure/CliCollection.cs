namespace Parley.Cli.Tests.Infrastructure;

/// <summary>Tests that share one running server.</summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliServerFixture>
{
    public const string Name = "cli server";
}
