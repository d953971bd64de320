namespace Parley.Cli.Configuration;

/// <summary>The server and key a command talks to, resolved from the options, else the environment, else the config file.</summary>
internal sealed record ServerSettings(Uri Url, string? ApiKey)
{
    /// <summary>Where a server runs when nothing says otherwise.</summary>
    public static readonly Uri DefaultUrl = new("http://localhost:8080");

    /// <summary>Resolves <c>--url</c>/<c>PARLEY_URL</c>/config and <c>--api-key</c>/<c>PARLEY_API_KEY</c>/config.</summary>
    public static ServerSettings Resolve(string? urlOption, string? apiKeyOption, Func<string, string?> environment)
    {
        var config = CliConfigFile.Load(CliConfigFile.PathFor(environment));
        var url = FirstOf(urlOption, environment("PARLEY_URL"), config?.Url);
        var key = FirstOf(apiKeyOption, environment("PARLEY_API_KEY"), config?.ApiKey);
        return new ServerSettings(url is null ? DefaultUrl : ParseUrl(url), key);
    }

    /// <summary>The key, or a clear refusal when there is none anywhere.</summary>
    public string RequireApiKey()
        => ApiKey ?? throw new CliException(ExitCodes.Auth, "No API key: pass --api-key, set PARLEY_API_KEY, or run `parley login`.");

    public static Uri ParseUrl(string text)
        => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliException(ExitCodes.Usage, $"'{text}' is not a server URL; give one like http://localhost:8080.");

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
