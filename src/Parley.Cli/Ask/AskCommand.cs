using System.CommandLine;
using System.Globalization;
using Parley.Cli.Common;

namespace Parley.Cli.Ask;

/// <summary><c>parley ask QUESTION.wav --out ANSWER.wav</c>: one spoken turn from a file.</summary>
internal static class AskCommand
{
    private static readonly Argument<FileInfo> Question = new("question") { Description = "The question: a PCM16 mono 16 kHz WAV file" };
    private static readonly Option<FileInfo> Out = new("--out", "-o") { Description = "Where to write the answer (PCM16 mono 24 kHz WAV)", Required = true };
    private static readonly Option<string?> Agent = new("--agent") { Description = "The agent to ask (default: the teamspace's default agent)" };
    private static readonly Option<string?> Conversation = new("--conversation") { Description = "Continue this conversation" };
    private static readonly Option<string?> Voice = new("--voice") { Description = "The voice the agent answers with" };
    private static readonly Option<int> Timeout = new("--timeout") { Description = "Seconds to wait for the answer after the question", DefaultValueFactory = _ => 30 };

    public static Command Create(CliContext context)
    {
        var command = new Command("ask", "Ask one question from a WAV file; print the transcript and tool calls, and save the spoken answer")
        {
            Question, Out, Agent, Conversation, Voice, Timeout,
        };
        return command.WithAction(context, RunAsync);
    }

    private static async Task<int> RunAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        var question = scope.Value(Question);
        if (!question.Exists)
        {
            throw new CliException(ExitCodes.Usage, $"No such file: {question.FullName}");
        }

        var request = new AskRequest(question.FullName, scope.Value(Out).FullName)
        {
            AgentId = scope.Value(Agent),
            ConversationId = scope.Value(Conversation),
            Voice = scope.Value(Voice),
            Timeout = TimeSpan.FromSeconds(Math.Max(1, scope.Value(Timeout))),
        };
        using var client = scope.CreateClient();
        var status = scope.Json ? null : (Action<string>)(s => scope.Context.Error.WriteLine($"… {s}"));
        var result = await AskTurn.RunAsync(client, request, status, cancellationToken).ConfigureAwait(false);
        if (scope.Json)
        {
            Output.WriteJson(scope.Context, result);
            return ExitCodes.Ok;
        }

        var context = scope.Context;
        Output.Line(context, "you", result.UserTranscript, "blue");
        foreach (var call in result.ToolCalls)
        {
            Output.Line(context, "tool", $"{call.ToolName} ({call.Status})", "yellow");
        }

        Output.Line(context, "agent", result.AgentTranscript, "green");
        var seconds = (result.Output.DurationMs / 1000.0).ToString("0.00", CultureInfo.InvariantCulture);
        Output.Line(context, "saved", $"{result.Output.Path} ({seconds} s, 24 kHz PCM16 mono)");
        Output.Line(context, "convers.", result.ConversationId);
        return ExitCodes.Ok;
    }
}
