using Microsoft.Extensions.AI;
using Parley.Agents.Tools;

namespace Parley.Agents.Embedded;

/// <summary>
/// Turns tool results back into speech, the way a language model would after the function invocation loop hands
/// them back. Pairs each result with its call by its <c>CallId</c>.
/// </summary>
internal static class ToolResultComposer
{
    public const string UnknownTool = "Sorry, something went wrong there.";

    /// <summary>Answers from <paramref name="results"/>, reading the calls and the question from <paramref name="messages"/>.</summary>
    public static string Compose(IReadOnlyList<ChatMessage> messages, IReadOnlyList<FunctionResultContent> results) =>
        string.Join(" ", results.Select(result => ComposeOne(messages, result)));

    private static string ComposeOne(IReadOnlyList<ChatMessage> messages, FunctionResultContent result)
    {
        var call = FindCall(messages, result.CallId);
        return call?.Name switch
        {
            BuiltInTools.GetCurrentTimeName => ComposeTime(messages, call, result),
            BuiltInTools.CalculatorName => ComposeCalculation(call, result),
            ToolNames.KnowledgeSearch => ComposeKnowledge(call, result),
            // Said whether or not the tool worked: the caller is leaving either way.
            ToolNames.EndCall => SpokenReplies.Goodbye,
            Orchestration.TaskToolNames.DelegateTask or Orchestration.TaskToolNames.CheckTask or Orchestration.TaskToolNames.CancelTask =>
                result.Exception is null && ToolValues.TryGetSay(result.Result, out var say) ? say : SpokenReplies.TaskToolFailed,
            _ => UnknownTool,
        };
    }

    private static string ComposeTime(IReadOnlyList<ChatMessage> messages, FunctionCallContent call, FunctionResultContent result)
    {
        if (result.Exception is not null || !ToolValues.TryGetLocalTime(result.Result, out var localTime))
        {
            return SpokenReplies.TimeUnavailable;
        }

        // The tool returns time and date together; the question decides which to say.
        var question = IntentMatcher.Match(messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text);
        var kind = question.Kind is IntentKind.Date or IntentKind.TimeAndDate ? question.Kind : IntentKind.Time;
        string? zone = call.Arguments?.TryGetValue("timeZone", out var value) == true ? ToolValues.GetString(value) : null;
        var place = string.IsNullOrWhiteSpace(zone) ? null
            : question.Place is { } asked && asked.TimeZoneId == zone ? asked
            : new KnownPlace(PlaceNameOf(zone), zone);
        return SpokenReplies.TimeOrDate(kind, localTime, place);
    }

    private static string ComposeCalculation(FunctionCallContent call, FunctionResultContent result)
    {
        var args = call.Arguments;
        if (args is null
            || !args.TryGetValue("a", out var a) || !ToolValues.TryGetDouble(a, out double left)
            || !args.TryGetValue("b", out var b) || !ToolValues.TryGetDouble(b, out double right)
            || !args.TryGetValue("op", out var op) || !Calculator.TryParseOperator(ToolValues.GetString(op), out var parsed))
        {
            return SpokenReplies.CalculationFailed;
        }

        var query = new ArithmeticQuery(left, parsed, right);
        return result.Exception is null && ToolValues.TryGetDouble(result.Result, out double value)
            ? SpokenReplies.Arithmetic(query, value)
            : SpokenReplies.ArithmeticFailed(query);
    }

    // The best passage, in a sentence or two read aloud, naming the file it comes from.
    private static string ComposeKnowledge(FunctionCallContent call, FunctionResultContent result)
    {
        if (result.Exception is not null || !ToolValues.TryGetPassages(result.Result, out var passages))
        {
            return SpokenReplies.KnowledgeUnavailable;
        }

        var query = call.Arguments?.TryGetValue(KnowledgeQuestion.QueryArgument, out var value) == true ? ToolValues.GetString(value) : null;
        foreach (var passage in passages)
        {
            var answer = SpeechText.Clean(PassageExcerpt.Answer(passage.Text, QueryTerms.From(query)));
            if (answer.Length > 0)
            {
                return SpokenReplies.FromSource(passage.Source, answer);
            }
        }

        return SpokenReplies.NothingFound;
    }

    private static FunctionCallContent? FindCall(IReadOnlyList<ChatMessage> messages, string callId)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            foreach (var content in messages[i].Contents)
            {
                if (content is FunctionCallContent call && call.CallId == callId)
                {
                    return call;
                }
            }
        }

        return null;
    }

    // "America/New_York" → "New York".
    private static string PlaceNameOf(string zoneId) => zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');
}
