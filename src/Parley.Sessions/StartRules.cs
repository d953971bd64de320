using Parley.Protocol.Payloads;

namespace Parley.Sessions;

/// <summary>The rules a <c>start</c> payload must keep, checked alike by <c>/ws/voice</c> and <c>POST /v1/voice</c>.</summary>
public static class StartRules
{
    /// <summary>Longest <c>initial_message</c> or <c>initial_context</c>.</summary>
    public const int MaxInitialTextChars = 2000;

    /// <summary>What is wrong with the values of <paramref name="start"/> (not its ids), or null.</summary>
    public static string? Check(StartPayload start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.InitialMessage?.Length > MaxInitialTextChars)
        {
            return $"initial_message is longer than {MaxInitialTextChars} characters.";
        }

        if (start.InitialContext?.Length > MaxInitialTextChars)
        {
            return $"initial_context is longer than {MaxInitialTextChars} characters.";
        }

        if (start.VoiceMode is not (null or "orchestrator" or "direct_agent"))
        {
            return "voice_mode must be \"orchestrator\" or \"direct_agent\".";
        }

        if (start.VoiceConfig is { } voice && (voice.SilenceDiscardRatio is < 0 or > 1 || voice.SegmentMaxDurationMs < 0 || voice.SilenceCommitMs < 0))
        {
            return "voice_config values are out of range (silence_discard_ratio 0 to 1, durations not negative).";
        }

        return null;
    }
}
