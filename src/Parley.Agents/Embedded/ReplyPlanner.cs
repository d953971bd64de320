using Microsoft.Extensions.AI;
using Parley.Agents.Tools;

namespace Parley.Agents.Embedded;

/// <summary>
/// Decides the embedded agent's next step from the conversation: answer tool results that just came back,
/// greet (by name, if the history holds one) when there is nothing new from the user, otherwise match the user's
/// words to an intent, or search the agent's knowledge for a question no other intent answers.
/// </summary>
internal sealed partial class ReplyPlanner(BuiltInTools localTools)
{
    /// <summary>Plans the reply to <paramref name="messages"/>; tools are only called if <paramref name="options"/> offers them.</summary>
    public PlannedReply Plan(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var results = TrailingResults(messages);
        if (results.Count > 0)
        {
            return PlannedReply.Say(ToolResultComposer.Compose(messages, results));
        }

        // System prompts are for language models; skipping them keeps "the last message" meaningful.
        int last = LastNonSystemIndex(messages);
        if (last < 0 || messages[last].Role != ChatRole.User)
        {
            // A new session of an old conversation arrives with its history, so a known caller is greeted by name.
            return PlannedReply.Say(UserNameMemory.FindLatest(messages) is { } known
                ? SpokenReplies.WelcomeBack(known)
                : SpokenReplies.Welcome);
        }

        var text = messages[last].Text;
        var intent = IntentMatcher.Match(text);
        // "alice" alone means nothing, unless it answers the agent asking what to call the user.
        if (intent.Kind == IntentKind.Unknown && UserNameMemory.TryReadName(messages, last, out var name))
        {
            return PlannedReply.Say(SpokenReplies.NiceToMeetYou(name));
        }

        if (PlanTaskRequest(text, intent, options) is { } taskReply)
        {
            return taskReply;
        }

        bool searches = HasTool(options, ToolNames.KnowledgeSearch);
        if (searches && KnowledgeQuestion.TryRead(intent, text, out var query))
        {
            return PlannedReply.Call(ToolNames.KnowledgeSearch, new Dictionary<string, object?> { [KnowledgeQuestion.QueryArgument] = query });
        }

        return intent.Kind switch
        {
            IntentKind.Time or IntentKind.Date or IntentKind.TimeAndDate => PlanTime(intent, options),
            IntentKind.Arithmetic => PlanArithmetic(intent.Arithmetic!, options),
            IntentKind.Greeting => PlannedReply.Say(SpokenReplies.Greeting),
            IntentKind.HowAreYou => PlannedReply.Say(SpokenReplies.HowAreYou),
            IntentKind.Help => PlannedReply.Say(SpokenReplies.HelpFor(searches, HasTool(options, ToolNames.EndCall))),
            IntentKind.Thanks => PlannedReply.Say(SpokenReplies.Thanks),
            IntentKind.Goodbye => PlanGoodbye(options),
            IntentKind.Introduction => PlannedReply.Say(SpokenReplies.NiceToMeetYou(intent.Name!)),
            IntentKind.AskName => PlannedReply.Say(UserNameMemory.FindLatest(messages) is { } known
                ? SpokenReplies.YourNameIs(known)
                : SpokenReplies.NameUnknown),
            _ => PlannedReply.Say(searches ? SpokenReplies.FallbackWithKnowledge : SpokenReplies.Fallback),
        };
    }

    // With end_call offered the goodbye ends the session once it has been heard; without it the caller hangs up.
    private static PlannedReply PlanGoodbye(ChatOptions? options) =>
        HasTool(options, ToolNames.EndCall)
            ? PlannedReply.Call(ToolNames.EndCall, new Dictionary<string, object?> { ["reason"] = "The caller said goodbye." })
            : PlannedReply.Say(SpokenReplies.Goodbye);

    private PlannedReply PlanTime(Intent intent, ChatOptions? options)
    {
        if (HasTool(options, BuiltInTools.GetCurrentTimeName))
        {
            var arguments = new Dictionary<string, object?>();
            if (intent.Place is { } place)
            {
                arguments["timeZone"] = place.TimeZoneId;
            }

            return PlannedReply.Call(BuiltInTools.GetCurrentTimeName, arguments);
        }

        try
        {
            var now = localTools.GetCurrentTime(intent.Place?.TimeZoneId);
            return PlannedReply.Say(SpokenReplies.TimeOrDate(intent.Kind, now.LocalTime, intent.Place));
        }
        catch (ArgumentException)
        {
            return PlannedReply.Say(SpokenReplies.TimeUnavailable); // the host lacks that zone's data
        }
    }

    private static PlannedReply PlanArithmetic(ArithmeticQuery query, ChatOptions? options)
    {
        if (HasTool(options, BuiltInTools.CalculatorName))
        {
            return PlannedReply.Call(BuiltInTools.CalculatorName, new Dictionary<string, object?>
            {
                ["a"] = query.Left,
                ["op"] = Calculator.NameOf(query.Operator),
                ["b"] = query.Right,
            });
        }

        if (query.Operator == ArithmeticOperator.Divide && query.Right == 0)
        {
            return PlannedReply.Say(SpokenReplies.ArithmeticFailed(query));
        }

        return PlannedReply.Say(SpokenReplies.Arithmetic(query, Calculator.Compute(query.Left, query.Operator, query.Right)));
    }

    private static int LastNonSystemIndex(IReadOnlyList<ChatMessage> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role != ChatRole.System)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool HasTool(ChatOptions? options, string name) => options?.Tools?.Any(t => t.Name == name) == true;

    // Results at the end of the conversation answer the call made on the previous round trip.
    private static List<FunctionResultContent> TrailingResults(IReadOnlyList<ChatMessage> messages)
    {
        var results = new List<FunctionResultContent>();
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            var message = messages[i];
            if (message.Role == ChatRole.System)
            {
                continue;
            }

            if (message.Role != ChatRole.Tool)
            {
                break;
            }

            results.InsertRange(0, message.Contents.OfType<FunctionResultContent>());
        }

        return results;
    }
}
