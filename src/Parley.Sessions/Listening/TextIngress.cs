namespace Parley.Sessions.Listening;

/// <summary>Checks <c>text</c> turns: their length, and their rate (a burst, then one per interval), as audio's rate is checked.</summary>
internal sealed class TextIngress(VoiceSessionOptions options, TimeProvider timeProvider)
{
    private double _tokens = options.TextTurnBurst;
    private long _refilledAt = timeProvider.GetTimestamp();

    /// <summary>Refused-for-rate turns in a row.</summary>
    public int RateStrikes { get; private set; }

    /// <summary>Whether the text is within the length limit.</summary>
    public bool FitsLength(string text) => text.Length <= options.MaxTextChars;

    /// <summary>Takes one turn's allowance; false (a strike) when the client types faster than allowed.</summary>
    public bool TryTake()
    {
        var now = timeProvider.GetTimestamp();
        _tokens = Math.Min(options.TextTurnBurst, _tokens + (timeProvider.GetElapsedTime(_refilledAt, now) / options.TextTurnInterval));
        _refilledAt = now;
        if (_tokens < 1)
        {
            RateStrikes++;
            return false;
        }

        _tokens -= 1;
        RateStrikes = 0;
        return true;
    }
}
