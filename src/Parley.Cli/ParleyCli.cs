using System.CommandLine;
using Parley.Cli.Agents;
using Parley.Cli.Ask;
using Parley.Cli.Common;
using Parley.Cli.Conversations;
using Parley.Cli.Keys;
using Parley.Cli.Knowledge;
using Parley.Cli.Login;
using Parley.Cli.Serve;
using Parley.Cli.Talk;

namespace Parley.Cli;

/// <summary>The <c>parley</c> command line: builds the commands, parses, runs, and returns the exit code (see <see cref="ExitCodes"/>).</summary>
internal static class ParleyCli
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = Build(context);
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,

            // Ctrl+C cancels the command's token; talk and serve then end cleanly, given this long.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(15),
        };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await context.Error.WriteLineAsync($"parley: {error.Message}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync($"Run '{CommandPath(parseResult)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("parley: run a Parley voice agent server, talk to it, ask it from WAV files, and manage it.")
        {
            GlobalOptions.Url,
            GlobalOptions.ApiKey,
            GlobalOptions.Json,
        };
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(TalkCommand.Create(context));
        root.Subcommands.Add(AskCommand.Create(context));
        root.Subcommands.Add(AgentsCommand.Create(context));
        root.Subcommands.Add(ConversationsCommand.Create(context));
        root.Subcommands.Add(KnowledgeCommand.Create(context));
        root.Subcommands.Add(KeysCommand.Create(context));
        root.Subcommands.Add(LoginCommand.Create(context));
        return root;
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "parley" : result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
