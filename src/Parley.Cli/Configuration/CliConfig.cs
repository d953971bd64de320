namespace Parley.Cli.Configuration;

/// <summary>What <c>parley login</c> saves: the server and the key.</summary>
internal sealed record CliConfig(string? Url, string? ApiKey);
