using Parley.Agents.Tools;

namespace Parley.Agents.Embedded;

/// <summary>
/// Everything the embedded agent says: short plain sentences without markdown or digits, because a TTS voice
/// reads them out.
/// </summary>
internal static class SpokenReplies
{
    public const string Welcome = "Hello! I'm Parley. How can I help?";
    public const string Greeting = "Hi there! How can I help?";
    public const string HowAreYou = "I'm doing well, thanks for asking! How can I help?";
    public const string Help = "I can " + CanTellTimeAndDoSums + " Just ask!";
    public const string Thanks = "You're welcome! Anything else?";
    public const string Goodbye = "Goodbye! Talk to you soon.";
    public const string Fallback = "Sorry, I didn't catch that. I can tell you the time or the date, or do some simple arithmetic.";
    public const string DivisionByZero = "I can't divide by zero. Try another number.";
    public const string CalculationFailed = "Sorry, I couldn't work that out.";
    public const string TooLarge = "That number is too big for me to say.";
    public const string TimeUnavailable = "Sorry, I couldn't get the time just now.";
    public const string NothingFound = "Sorry, I couldn't find anything about that in my documents.";
    public const string KnowledgeUnavailable = "Sorry, I couldn't search my documents just now.";
    public const string FallbackWithKnowledge =
        "Sorry, I didn't catch that. You can ask me about my documents, the time or the date, or some simple arithmetic.";

    public const string TaskToolFailed = "Sorry, I couldn't do that with the task just now.";

    /// <summary>Ends <see cref="NameUnknown"/>; a bare name in reply to it counts as an introduction.</summary>
    public const string AskForName = "What should I call you?";
    public const string NameUnknown = "I don't know your name yet. " + AskForName;

    private const string CanTellTimeAndDoSums = "tell you the time or the date, and do simple arithmetic, like twelve times seven.";

    // Words that start sentences without being names, so "The code is…" reads "according to x, the code is…".
    private static readonly HashSet<string> CommonOpeners = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "It", "Its", "This", "That", "These", "Those", "There", "Our", "Your", "Their", "We", "You",
        "They", "Each", "Every", "All", "Any", "Some", "No", "Most", "Many", "In", "On", "At", "For", "From", "To", "If",
        "When", "After", "Before", "During", "While", "Please", "Only", "New", "Staff", "Employees", "Visitors",
    };

    /// <summary>Says what the agent can do, with what the offered tools add: answers from documents, ending the call.</summary>
    public static string HelpFor(bool answersFromDocuments, bool endsCalls)
    {
        string can = answersFromDocuments ? "I can answer questions from my documents, " + CanTellTimeAndDoSums : "I can " + CanTellTimeAndDoSums;
        return can + (endsCalls ? " When you're done, just say goodbye." : " Just ask!");
    }

    /// <summary>Answers from a document, e.g. "According to handbook.pdf, the office wifi password is blue giraffe."</summary>
    public static string FromSource(string source, string answer)
    {
        int space = answer.IndexOf(' ', StringComparison.Ordinal);
        var firstWord = space < 0 ? answer.TrimEnd('.', '!', '?') : answer[..space];
        var sentence = CommonOpeners.Contains(firstWord) ? char.ToLowerInvariant(answer[0]) + answer[1..] : answer;
        return string.IsNullOrWhiteSpace(source) ? Capitalize(sentence) : $"According to {source.Trim()}, {sentence}";
    }

    /// <summary>Asks what a named agent should do, when the request named it but not the work.</summary>
    public static string WhatShouldAgentDo(string agent) => $"What would you like me to ask {agent} to do?";

    /// <summary>Greets a caller whose name is in the conversation, e.g. "Welcome back, Alice! How can I help?"</summary>
    public static string WelcomeBack(string name) => $"Welcome back, {name}! How can I help?";

    /// <summary>Answers an introduction, e.g. "Nice to meet you, Alice."</summary>
    public static string NiceToMeetYou(string name) => $"Nice to meet you, {name}.";

    /// <summary>Answers "what's my name", e.g. "Your name is Alice."</summary>
    public static string YourNameIs(string name) => $"Your name is {name}.";

    /// <summary>Answers a time, date or time-and-date question about <paramref name="local"/>.</summary>
    public static string TimeOrDate(IntentKind kind, DateTimeOffset local, KnownPlace? place)
    {
        string time = SpokenDateTime.Time(local), date = SpokenDateTime.Date(local);
        string sentence = kind switch
        {
            IntentKind.Date => place is null ? $"Today is {date}." : $"it's {date}.",
            IntentKind.TimeAndDate => $"it's {time} on {date}.",
            _ => $"it's {time}.",
        };
        return place is null ? Capitalize(sentence) : $"In {place.Name}, {sentence}";
    }

    /// <summary>Says a calculation and its result, e.g. "Twelve times seven is eighty-four."</summary>
    public static string Arithmetic(ArithmeticQuery query, double result)
    {
        if (Math.Abs(query.Left) >= 1e15 || Math.Abs(query.Right) >= 1e15 || !double.IsFinite(result) || Math.Abs(result) >= 1e15)
        {
            return TooLarge;
        }

        // "about" tells the listener the result was rounded.
        string verb = Math.Abs(Math.Round(result, 2) - result) < 1e-9 ? "is" : "is about";
        return $"{Capitalize(Describe(query))} {verb} {NumberWords.ToWords(result)}.";
    }

    /// <summary>Explains why a calculation has no answer.</summary>
    public static string ArithmeticFailed(ArithmeticQuery query) =>
        query.Operator == ArithmeticOperator.Divide && query.Right == 0 ? DivisionByZero : CalculationFailed;

    private static string Describe(ArithmeticQuery q)
    {
        string left = NumberWords.ToWords(q.Left), right = NumberWords.ToWords(q.Right);
        return q.Operator switch
        {
            ArithmeticOperator.Add => $"{left} plus {right}",
            ArithmeticOperator.Subtract => $"{left} minus {right}",
            ArithmeticOperator.Multiply => $"{left} times {right}",
            ArithmeticOperator.Divide => $"{left} divided by {right}",
            ArithmeticOperator.Power when q.Right == 2 => $"{left} squared",
            ArithmeticOperator.Power when q.Right == 3 => $"{left} cubed",
            _ => $"{left} to the power of {right}",
        };
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
