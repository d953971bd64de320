using Spectre.Console;

namespace Parley.Cli;

/// <summary>What a run of the command line talks to: its output, its environment and its console; tests make their own.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, IAnsiConsole Console, Func<string, string?> Environment, bool Interactive)
{
    /// <summary>The process's own console and environment.</summary>
    public static CliContext FromProcess()
        => new(System.Console.Out, System.Console.Error, AnsiConsole.Console, System.Environment.GetEnvironmentVariable, !System.Console.IsInputRedirected);

    /// <summary>A context writing plain text (no colours, no animation) to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static CliContext Plain(TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return new CliContext(output, error, console, environment, Interactive: false);
    }
}
