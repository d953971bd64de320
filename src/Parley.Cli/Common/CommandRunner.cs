using System.CommandLine;

namespace Parley.Cli.Common;

/// <summary>Gives commands their action: the body runs in a <see cref="CommandScope"/>, and failures become messages and exit codes.</summary>
internal static class CommandRunner
{
    public static Command WithAction(this Command command, CliContext context, Func<CommandScope, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var scope = new CommandScope(parseResult, context);
            try
            {
                return await body(scope, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                return ErrorReporter.Report(ex, scope);
            }
        });
        return command;
    }
}
