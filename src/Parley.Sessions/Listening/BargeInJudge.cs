namespace Parley.Sessions.Listening;

/// <summary>Decides whether speech heard while the agent talks is the user taking the floor.</summary>
/// <remarks>
/// A backchannel ("mm-hmm", "okay", "yeah") or the agent's own voice coming back through the user's microphone
/// (words the agent is saying right now) is not a barge-in; a word of anything else is. The words are the
/// recogniser's partial hypothesis, so the decision comes while the user is still speaking.
/// </remarks>
internal static class BargeInJudge
{
    private static readonly HashSet<string> Backchannels = new(StringComparer.OrdinalIgnoreCase)
    {
        "mm", "mmm", "hmm", "mhm", "mm-hmm", "uh-huh", "uh", "huh", "um", "er", "ah", "oh", "ha",
        "ok", "okay", "yeah", "yes", "yep", "yup", "right", "sure", "alright", "cool", "nice", "great",
        "i", "see", "got", "it", "uhhuh", "mhmm",
    };

    /// <summary>Whether <paramref name="userText"/> holds a word that is neither a backchannel nor an echo of <paramref name="agentText"/>.</summary>
    public static bool TakesTheFloor(string? userText, string agentText)
    {
        var echo = Words(agentText).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Words(userText).Any(w => !Backchannels.Contains(w) && !echo.Contains(w));
    }

    private static IEnumerable<string> Words(string? text)
        => (text ?? string.Empty)
            .Split((char[])[' ', ',', '.', '!', '?', ';', ':', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('\'', '"').ToLowerInvariant())
            .Where(w => w.Length > 0);
}
