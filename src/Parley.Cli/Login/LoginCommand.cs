using System.CommandLine;
using Parley.Cli.Common;
using Parley.Cli.Configuration;
using Parley.Client;
using Parley.Client.Agents;
using Spectre.Console;

namespace Parley.Cli.Login;

/// <summary><c>parley login</c>: checks a server URL and key, and saves them to the config file (mode 600).</summary>
internal static class LoginCommand
{
    private static readonly Option<bool> NoVerify = new("--no-verify") { Description = "Save without asking the server whether the key works" };

    public static Command Create(CliContext context)
    {
        var command = new Command("login", "Save the server URL and API key to ~/.config/parley/config.json (readable by you only)") { NoVerify };
        return command.WithAction(context, RunAsync);
    }

    private static async Task<int> RunAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        var context = scope.Context;
        var settings = scope.Settings;
        var key = settings.ApiKey;
        if (key is null)
        {
            if (!context.Interactive)
            {
                throw new CliException(ExitCodes.Usage, "Give the key with --api-key or PARLEY_API_KEY (no terminal to ask on).");
            }

            key = await context.Console.PromptAsync(new TextPrompt<string>("API key:").Secret(), cancellationToken).ConfigureAwait(false);
        }

        if (!scope.Value(NoVerify))
        {
            using var client = new ParleyClient(new ParleyClientOptions { BaseAddress = settings.Url, ApiKey = key, Timeout = TimeSpan.FromSeconds(15) });
            await client.Agents.ListAsync(new AgentListOptions { Limit = 1 }, cancellationToken).ConfigureAwait(false);
        }

        var path = CliConfigFile.PathFor(context.Environment);
        CliConfigFile.Save(path, new CliConfig(settings.Url.ToString().TrimEnd('/'), key));
        if (scope.Json)
        {
            Output.WriteJson(context, new CliConfig(settings.Url.ToString().TrimEnd('/'), null));
        }
        else
        {
            context.Console.MarkupLine($"Saved [bold]{Markup.Escape(settings.Url.ToString())}[/] and the key ({Markup.Escape(key[..Math.Min(8, key.Length)])}…) to {Markup.Escape(path)}.");
        }

        return ExitCodes.Ok;
    }
}
