using System.CommandLine;
using Parley.Cli.Configuration;
using Parley.Client;

namespace Parley.Cli.Common;

/// <summary>One running command: its parsed arguments, its context, and the server it talks to.</summary>
internal sealed class CommandScope(ParseResult parseResult, CliContext context)
{
    private ServerSettings? _settings;

    public ParseResult Parse => parseResult;

    public CliContext Context => context;

    public bool Json => parseResult.GetValue(GlobalOptions.Json);

    /// <summary>The server and key, resolved once.</summary>
    public ServerSettings Settings
        => _settings ??= ServerSettings.Resolve(parseResult.GetValue(GlobalOptions.Url), parseResult.GetValue(GlobalOptions.ApiKey), context.Environment);

    /// <summary>The server's URL if it was resolved, for error messages.</summary>
    public Uri? ResolvedUrl => _settings?.Url;

    public T Value<T>(Option<T> option) => parseResult.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => parseResult.GetValue(argument)!;

    /// <summary>A REST client for the server; a missing key is refused before anything is sent.</summary>
    public ParleyClient CreateClient()
    {
        var settings = Settings;
        return new ParleyClient(new ParleyClientOptions
        {
            BaseAddress = settings.Url,
            ApiKey = settings.RequireApiKey(),
            Timeout = TimeSpan.FromSeconds(30),
        });
    }
}
