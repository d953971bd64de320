namespace Parley.Telephony;

/// <summary>Phone calls: where carriers reach Parley, their APIs, and the timings of the line; bound from <c>Parley:Telephony</c>.</summary>
public sealed record TelephonyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Parley:Telephony";

    /// <summary>
    /// The server's address as carriers reach it (<c>https://parley.example.com</c>): the base of the stream URL in TwiML
    /// and of the URL Twilio signs. Unset: taken from each request, which is right only without a proxy in front.
    /// </summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>Twilio's REST API (calls are placed there).</summary>
    public Uri TwilioApiBaseUrl { get; init; } = new("https://api.twilio.com");

    /// <summary>Telnyx's REST API (calls are placed there).</summary>
    public Uri TelnyxApiBaseUrl { get; init; } = new("https://api.telnyx.com");

    /// <summary>How far ahead of real time agent audio is sent down the line: enough to ride out network jitter, little enough that a <c>clear</c> has little to drop.</summary>
    public TimeSpan LineLead { get; init; } = TimeSpan.FromMilliseconds(80);

    /// <summary>Keys pressed within this of each other are one entry, given to the agent as one text turn (<c>#</c> ends an entry at once).</summary>
    public TimeSpan DtmfEntryGap { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How long a stream may take from its socket opening to <c>start</c>.</summary>
    public TimeSpan StreamStartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a call's single-use stream token stays valid: the carrier connects the stream when the call is answered, so outbound calls need the ringing time.</summary>
    public TimeSpan StreamTokenLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Agent audio a line holds (queued, or played but not yet confirmed); beyond it the oldest played audio is no longer kept to play again.</summary>
    public TimeSpan MaxLineBacklog { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How far a Telnyx webhook's signed time may be from now: older ones are refused as replays (Telnyx's SDKs allow 5 minutes).</summary>
    public TimeSpan TelnyxWebhookTolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest time a carrier's REST API may take to answer.</summary>
    public TimeSpan CarrierRequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Checks the values; throws naming the first bad one.</summary>
    public TelephonyOptions Validate()
    {
        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"{Section}:PublicBaseUrl must be an absolute http(s) URL, not '{url}'.");
        }

        foreach (var (name, api) in new[] { ("TwilioApiBaseUrl", TwilioApiBaseUrl), ("TelnyxApiBaseUrl", TelnyxApiBaseUrl) })
        {
            if (!api.IsAbsoluteUri || api.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"{Section}:{name} must be an absolute http(s) URL, not '{api}'.");
            }
        }

        Positive(LineLead, nameof(LineLead), TimeSpan.FromSeconds(2));
        Positive(DtmfEntryGap, nameof(DtmfEntryGap), TimeSpan.FromSeconds(30));
        Positive(StreamStartTimeout, nameof(StreamStartTimeout), TimeSpan.FromMinutes(5));
        Positive(StreamTokenLifetime, nameof(StreamTokenLifetime), TimeSpan.FromHours(1));
        Positive(MaxLineBacklog, nameof(MaxLineBacklog), TimeSpan.FromMinutes(10));
        Positive(TelnyxWebhookTolerance, nameof(TelnyxWebhookTolerance), TimeSpan.FromMinutes(15));
        Positive(CarrierRequestTimeout, nameof(CarrierRequestTimeout), TimeSpan.FromMinutes(5));
        return this;
    }

    private static void Positive(TimeSpan value, string name, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            throw new InvalidOperationException($"{Section}:{name} must be above zero and at most {max}, not {value}.");
        }
    }
}
