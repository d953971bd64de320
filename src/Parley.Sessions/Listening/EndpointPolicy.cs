namespace Parley.Sessions.Listening;

/// <summary>How much silence ends the user's turn, from how finished their words so far look.</summary>
/// <remarks>
/// A pause after "and", "the", "uh" or in the middle of a number is someone thinking, not someone done; it gets
/// <see cref="VoiceSessionOptions.EndpointSilenceIncomplete"/>. Anything else gets the short
/// <see cref="VoiceSessionOptions.EndpointSilence"/>, so finished questions are answered fast. The words are the
/// recogniser's partial hypothesis at the start of the pause.
/// </remarks>
internal sealed class EndpointPolicy(VoiceSessionOptions options)
{
    private static readonly HashSet<string> Continuations = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "but", "so", "because", "if", "then", "than", "that", "which", "who",
        "the", "a", "an", "my", "your", "his", "her", "our", "their", "this", "these", "those",
        "to", "of", "in", "on", "at", "for", "with", "from", "about", "into", "by", "as",
        "is", "are", "was", "were", "be", "am", "i", "i'm", "it's", "what's", "let's",
        "uh", "um", "er", "erm", "hmm", "ah", "like", "well",
        "point", "plus", "minus", "times", "divided", "over",
    };

    // Numbers that are rarely the last word of one: "twenty" is followed by "five", "hundred" by "and six".
    private static readonly HashSet<string> OpenNumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
    };

    private static readonly HashSet<string> NumberWords = new(OpenNumberWords, StringComparer.OrdinalIgnoreCase)
    {
        "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    };

    // Asked on every silent frame, mostly with the same words as the frame before.
    private string? _lastText;
    private bool _lastUnfinished;

    /// <summary>The silence that ends a turn whose words so far are <paramref name="partialText"/>.</summary>
    public TimeSpan RequiredSilence(string? partialText)
        => Unfinished(partialText) ? options.EndpointSilenceIncomplete : options.EndpointSilence;

    /// <summary>Whether words so far look like a whole turn: some words, and none that asks for more after it.</summary>
    public bool LooksFinished(string? partialText) => !string.IsNullOrWhiteSpace(partialText) && !Unfinished(partialText);

    private bool Unfinished(string? partialText)
    {
        if (_lastText is null || partialText != _lastText)
        {
            _lastUnfinished = Decide(partialText);
            _lastText = partialText;
        }

        return _lastUnfinished;
    }

    private static bool Decide(string? partialText)
    {
        var words = (partialText ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('.', ',', '?', '!'))
            .ToArray();
        if (words.Length == 0)
        {
            return false;
        }

        var last = words[^1];
        // A run of two or more numbers is someone dictating digits in groups, with pauses between the groups.
        var dictating = IsNumber(last) && words.Length > 1 && IsNumber(words[^2]);
        return Continuations.Contains(last) || OpenNumberWords.Contains(last) || dictating;
    }

    private static bool IsNumber(string word) => NumberWords.Contains(word) || (word.Length > 0 && word.All(char.IsAsciiDigit));
}
