using System.Diagnostics.CodeAnalysis;
using Parley.Agents.Tools;

namespace Parley.Agents.Embedded;

/// <summary>
/// Decides whether what the user said is a question for the agent's knowledge, and what to search for: the
/// question's content words. Asked only when <c>knowledge_search</c> is offered.
/// </summary>
/// <remarks>
/// Sums, introductions, names and goodbyes always keep their own meaning. Weaker intents yield when the words left
/// over are about something else: "what time does the shop open" is no clock question, "hello what is the wifi
/// password" no mere greeting, "what help is there for new parents" no request for help. Anything unrecognised
/// with content words is searched, as a language model would look before saying it does not know.
/// </remarks>
internal static class KnowledgeQuestion
{
    /// <summary>The argument of <c>knowledge_search</c> that holds what to look for.</summary>
    public const string QueryArgument = "query";

    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "what", "whats", "who", "whos", "whose", "when", "whens", "where", "wheres", "which", "why", "how", "hows",
        "tell", "explain", "describe", "according", "is", "are", "does", "do", "can", "could",
    };

    // Words a time or date question is made of, beyond QueryTerms' own stop words.
    private static readonly HashSet<string> ClockWords = new(StringComparer.Ordinal)
    {
        "time", "times", "date", "dates", "day", "days", "today", "todays", "tonight", "month", "year", "week",
        "weekday", "clock", "oclock", "local", "current", "currently", "exact", "exactly", "moment",
    };

    private static readonly HashSet<string> HelpWords = new(StringComparer.Ordinal)
    {
        "help", "able", "work", "works", "working", "talking", "speaking", "chatting", "talk", "assist", "doing",
        "capabilities", "features", "abilities", "options", "skills",
    };

    // Greetings, thanks and pleasantries: what is left of "good morning" or "i am fine" is no question.
    private static readonly HashSet<string> SmallTalkWords = new(StringComparer.Ordinal)
    {
        "good", "morning", "afternoon", "evening", "greetings", "howdy", "going", "lot", "great", "fine", "doing",
        "nice", "cool", "awesome", "perfect", "alright", "test", "testing",
    };

    /// <summary>Whether <paramref name="text"/>, matched as <paramref name="intent"/>, asks the knowledge; if so, what to search for.</summary>
    public static bool TryRead(Intent intent, string? text, [NotNullWhen(true)] out string? query)
    {
        query = null;
        var tokens = TextNormalizer.Tokenize(text);
        var terms = QueryTerms.From(string.Join(' ', tokens));
        bool asks = intent.Kind switch
        {
            IntentKind.Unknown => terms.Any(t => !SmallTalkWords.Contains(t)),
            IntentKind.Greeting or IntentKind.HowAreYou or IntentKind.Thanks =>
                tokens.Any(QuestionWords.Contains) && terms.Any(t => !SmallTalkWords.Contains(t)),
            IntentKind.Help => terms.Any(t => !HelpWords.Contains(t)),
            IntentKind.Time or IntentKind.Date or IntentKind.TimeAndDate =>
                intent.Place is null && terms.Any(t => !ClockWords.Contains(t)),
            _ => false,
        };
        if (!asks)
        {
            return false;
        }

        query = string.Join(' ', terms);
        return true;
    }
}
