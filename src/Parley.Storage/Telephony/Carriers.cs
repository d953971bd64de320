namespace Parley.Storage.Telephony;

/// <summary>The carriers Parley bridges calls from.</summary>
public static class Carriers
{
    public const string Twilio = "twilio";
    public const string Telnyx = "telnyx";

    /// <summary>Every carrier known.</summary>
    public static IReadOnlyList<string> All { get; } = [Twilio, Telnyx];
}
