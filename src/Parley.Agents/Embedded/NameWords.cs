namespace Parley.Agents.Embedded;

/// <summary>
/// Tells name words from ordinary words after "i am", "my name is" or "call me". Recogniser text has no capitals
/// to go by, so this is a stop-list: "i am fine", "i'm not sure" and "call me later" must not name anyone.
/// </summary>
internal static class NameWords
{
    /// <summary>Longer runs are sentences ("i am hoping you can help"), not names.</summary>
    public const int MaxWords = 3;

    // Words that are never part of a name: states, fillers, pronouns, articles, auxiliaries, prepositions,
    // question words. Real names that are also common words (Will, May, Frank, Grace) are deliberately absent.
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "fine", "good", "great", "ok", "okay", "alright", "well", "better", "worse", "bad", "sorry", "sure", "ready",
        "done", "tired", "hungry", "thirsty", "sleepy", "busy", "bored", "sick", "ill", "happy", "sad", "glad",
        "pleased", "afraid", "scared", "worried", "nervous", "confused", "lost", "stuck", "late", "early", "new",
        "cool", "awesome", "perfect", "excellent", "alive", "home", "free", "interested", "curious", "excited",
        "serious", "kidding", "joking", "right", "wrong", "correct", "upset", "angry", "annoyed", "finished",
        "cold", "hot", "warm", "hurt", "full", "awake", "asleep", "alone", "lonely", "unwell", "married", "single",
        "retired", "stressed", "broke", "rich", "poor", "old", "young", "crazy", "silly", "stupid", "weird", "mad",
        "lazy", "available", "outside", "inside", "impressed", "shocked", "surprised", "amazed", "fed", "yours",
        "looking", "trying", "going", "calling", "asking", "wondering", "doing", "feeling", "having", "getting",
        "working", "waiting", "hoping", "thinking", "talking", "speaking", "saying", "telling", "listening", "being",
        "not", "no", "nope", "nah", "yes", "yeah", "yep", "just", "so", "very", "really", "quite", "pretty", "too",
        "also", "still", "already", "actually", "always", "never", "now", "then", "here", "there", "back", "almost",
        "only", "even", "again", "later", "soon", "today", "tonight", "tomorrow", "yesterday", "maybe", "probably",
        "a", "an", "the", "this", "that", "these", "those", "some", "any", "all", "every", "each", "my", "your",
        "his", "her", "our", "their", "its", "it", "me", "you", "him", "them", "us", "we", "they", "she", "he", "i",
        "im", "myself", "am", "is", "are", "was", "were", "be", "been", "have", "has", "had", "do", "does", "did",
        "dont", "cant", "can", "could", "would", "should", "must", "might", "shall", "gonna", "wanna", "gotta",
        "in", "on", "at", "to", "for", "with", "of", "from", "about", "into", "over", "under", "off", "out", "up",
        "down", "after", "before", "by", "near", "around", "away", "what", "whats", "who", "whos", "how", "hows",
        "why", "where", "when", "which", "hi", "hello", "hey", "thanks", "thank", "please", "and", "but", "or",
        "if", "because", "as", "than", "like", "someone", "somebody", "nobody", "nothing", "something", "anything",
        "everything", "whatever", "nevermind", "stop", "cancel", "help", "dunno", "called", "name", "names",
    };

    // Words that may come right after a name and end it: "my name is alice and i need the time".
    private static readonly HashSet<string> NameEnders = new(StringComparer.Ordinal)
    {
        "and", "but", "or", "so", "please", "thanks", "thank", "thankyou", "cheers", "speaking", "here", "calling",
        "by", "from", "what", "whats", "how", "hows", "who", "can", "could", "would", "do", "did", "i", "im", "nice",
        "pleased", "good", "hi", "hello", "hey", "bye", "goodbye", "ok", "okay", "yes", "yeah", "no", "again", "too",
        "actually", "anyway", "now", "then", "today", "tonight",
    };

    /// <summary>Whether the token at <paramref name="index"/> could be part of a name: a plain word, not a number or a stop word.</summary>
    public static bool CanBePartOfName(IReadOnlyList<string> tokens, int index)
    {
        string token = tokens[index];
        return token.All(char.IsLetter)
            && !NotNames.Contains(token)
            && !NameEnders.Contains(token)
            && !NumberWords.TryParse(tokens, index, out _, out _);
    }

    /// <summary>Whether <paramref name="token"/> may follow a name, ending it.</summary>
    public static bool CanFollowName(string token) => NameEnders.Contains(token);

    /// <summary>
    /// "i am hoping", "i'm wondering": after the looser openings a long "-ing" word is a verb far more often than a
    /// name ("lying", "eating"). Four-letter ones (King, Ming) pass; "my name is sterling" still works.
    /// </summary>
    public static bool LooksLikeVerb(string word) => word.Length >= 5 && word.EndsWith("ing", StringComparison.Ordinal);

    /// <summary>Capitalises each word for speaking and display: "carol smith" → "Carol Smith".</summary>
    public static string ToSpoken(IEnumerable<string> words) =>
        string.Join(" ", words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
