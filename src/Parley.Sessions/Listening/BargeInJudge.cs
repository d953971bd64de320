namespace Parley.Sessions.Listening;

/// <summary>Decides whether speech heard while the agent talks is the user taking the floor.</summary>
/// <remarks>
/// <para>
/// Words the user says are sorted three ways: backchannels ("mm-hmm", "okay", "yeah"), echo (words the agent is
/// saying right now, coming back through the user's microphone) and the rest. A stop word ("stop", "wait", "no")
/// that is not echo takes the floor at once. Otherwise the user takes it with
/// <see cref="VoiceSessionOptions.BargeInMinWords"/> words of the rest after <see cref="VoiceSessionOptions.BargeInMinSpeech"/>
/// of speech, unless most of what they said is the agent's own words.
/// </para>
/// <para>
/// The thresholds are there because the recogniser mishears short sounds: a "yeah" comes out as "you have", an
/// "uh huh" as "but", an echo as a few right words and a few wrong ones. Short speech of one odd word is far more
/// often one of those than a real interruption; someone who means to interrupt says a stop word or keeps talking.
/// </para>
/// </remarks>
internal sealed class BargeInJudge(VoiceSessionOptions options)
{
    private static readonly HashSet<string> Backchannels = new(StringComparer.OrdinalIgnoreCase)
    {
        "mm", "mmm", "hmm", "mhm", "mm-hmm", "uh-huh", "uh", "huh", "um", "er", "ah", "oh", "ha",
        "ok", "okay", "yeah", "yes", "yep", "yup", "right", "sure", "alright", "cool", "nice", "great",
        "i", "see", "got", "it", "uhhuh", "mhmm",
    };

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "stop", "wait", "hold", "hang", "no", "nope", "pause", "sorry", "excuse", "quiet", "enough", "cancel", "hey",
    };

    /// <summary>Whether <paramref name="userText"/>, after <paramref name="speech"/> of speech over <paramref name="agentText"/>, takes the floor.</summary>
    /// <param name="userText">The user's words so far.</param>
    /// <param name="agentText">What the agent is saying.</param>
    /// <param name="speech">How long the user has spoken.</param>
    public bool TakesTheFloor(string? userText, string agentText, TimeSpan speech)
    {
        var content = Words(userText).Where(w => options.BackchannelsInterrupt || !Backchannels.Contains(w)).ToList();
        if (content.Count == 0)
        {
            return false;
        }

        var echo = Words(agentText).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var novel = content.Where(w => !echo.Contains(w)).ToList();
        if (novel.Any(StopWords.Contains))
        {
            return true;
        }

        var mostlyEcho = novel.Count * 2 <= content.Count;
        return !mostlyEcho && novel.Count >= options.BargeInMinWords && speech >= options.BargeInMinSpeech;
    }

    private static IEnumerable<string> Words(string? text)
        => (text ?? string.Empty)
            .Split((char[])[' ', ',', '.', '!', '?', ';', ':', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('\'', '"').ToLowerInvariant())
            .Where(w => w.Length > 0);
}
