using System.CommandLine;

namespace Parley.Cli.Common;

/// <summary>Options every command takes: where the server is, the key, and machine-readable output.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Url = new("--url")
    {
        Description = "The Parley server (default: PARLEY_URL, then the config file, then http://localhost:8080)",
        Recursive = true,
    };

    public static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "The API key (default: PARLEY_API_KEY, then the config file written by `parley login`)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON instead of text",
        Recursive = true,
    };
}
