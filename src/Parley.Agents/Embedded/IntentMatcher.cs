namespace Parley.Agents.Embedded;

/// <summary>
/// Matches what a speech recogniser heard (lower case, no punctuation, numbers often as words) to an
/// <see cref="Intent"/>. Keyword rules, checked from most to least specific: a calculation, an introduction,
/// asking for one's name, goodbye, time and date, help, thanks, how-are-you, greeting.
/// </summary>
internal static class IntentMatcher
{
    private static readonly string[][] GoodbyePhrases =
    [
        ["bye"], ["goodbye"], ["byebye"], ["farewell"], ["see", "you"], ["see", "ya"], ["talk", "to", "you", "later"],
        ["good", "night"], ["goodnight"], ["thats", "all"], ["that", "is", "all"], ["that", "will", "be", "all"],
        ["thats", "everything"], ["hang", "up"], ["end", "the", "call"], ["end", "this", "call"], ["end", "call"],
        ["im", "done"], ["i", "am", "done"],
    ];

    private static readonly string[][] HelpPhrases =
    [
        ["help"], ["can", "you", "do"], ["do", "you", "do"], ["are", "you", "able"], ["can", "i", "ask"], ["can", "i", "say"],
        ["who", "are", "you"], ["what", "are", "you"], ["how", "does", "this", "work"], ["am", "i", "talking"],
        ["am", "i", "speaking"],
    ];

    private static readonly string[][] NameQuestionPhrases =
    [
        ["whats", "my", "name"], ["what", "is", "my", "name"], ["what", "was", "my", "name"], ["remember", "my", "name"],
        ["know", "my", "name"], ["say", "my", "name"], ["tell", "me", "my", "name"], ["i", "say", "my", "name"],
        ["tell", "you", "my", "name"], ["who", "am", "i"], ["know", "who", "i", "am"], ["remember", "who", "i", "am"],
    ];

    // "who am i talking to" asks about the agent, not about the user.
    private static readonly string[][] NotNameQuestionPhrases = [["am", "i", "talking"], ["am", "i", "speaking"], ["am", "i", "chatting"]];

    private static readonly string[][] ThanksPhrases = [["thanks"], ["thank", "you"], ["thankyou"], ["cheers"], ["ta"]];

    private static readonly string[][] GreetingPhrases =
    [
        ["hi"], ["hello"], ["hey"], ["hiya"], ["howdy"], ["greetings"], ["good", "morning"], ["good", "afternoon"],
        ["good", "evening"],
    ];

    private static readonly string[][] HowAreYouPhrases = [["how", "are", "you"], ["hows", "it", "going"], ["how", "is", "it", "going"]];

    private static readonly string[] QuestionWords = ["what", "whats", "which", "tell"];

    private static readonly string[] DateWords = ["day", "today", "todays", "month", "year"];

    /// <summary>Matches <paramref name="text"/>; empty or unrecognised text gives <see cref="IntentKind.Unknown"/>.</summary>
    public static Intent Match(string? text)
    {
        var tokens = TextNormalizer.Tokenize(text);
        if (tokens.Count == 0)
        {
            return new Intent(IntentKind.Unknown);
        }

        if (ArithmeticParser.TryParse(tokens, out var query))
        {
            return new Intent(IntentKind.Arithmetic) { Arithmetic = query };
        }

        // Before everything but sums, because a greeting or a question may ride along: "hi my name is frank".
        if (IntroductionParser.TryParse(tokens, out var name))
        {
            return new Intent(IntentKind.Introduction) { Name = name };
        }

        if (HasAny(tokens, NameQuestionPhrases) && !HasAny(tokens, NotNameQuestionPhrases))
        {
            return new Intent(IntentKind.AskName);
        }

        // Before time, because "see you next time" is a goodbye.
        if (HasAny(tokens, GoodbyePhrases))
        {
            return new Intent(IntentKind.Goodbye);
        }

        bool time = tokens.Contains("time");
        bool date = tokens.Contains("date") || (tokens.Any(QuestionWords.Contains) && tokens.Any(DateWords.Contains));
        if (time || date)
        {
            var kind = time && date ? IntentKind.TimeAndDate : time ? IntentKind.Time : IntentKind.Date;
            return new Intent(kind) { Place = KnownPlaces.Find(tokens) };
        }

        if (HasAny(tokens, HelpPhrases))
        {
            return new Intent(IntentKind.Help);
        }

        if (HasAny(tokens, ThanksPhrases))
        {
            return new Intent(IntentKind.Thanks);
        }

        return new Intent(
            HasAny(tokens, HowAreYouPhrases) ? IntentKind.HowAreYou
            : HasAny(tokens, GreetingPhrases) ? IntentKind.Greeting
            : IntentKind.Unknown);
    }

    private static bool HasAny(IReadOnlyList<string> tokens, string[][] phrases) => phrases.Any(p => HasPhrase(tokens, p));

    private static bool HasPhrase(IReadOnlyList<string> tokens, string[] phrase)
    {
        for (int i = 0; i + phrase.Length <= tokens.Count; i++)
        {
            int j = 0;
            while (j < phrase.Length && tokens[i + j] == phrase[j])
            {
                j++;
            }

            if (j == phrase.Length)
            {
                return true;
            }
        }

        return false;
    }
}
