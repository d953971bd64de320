using global::Twilio.TwiML;
using global::Twilio.TwiML.Voice;

namespace Parley.Telephony.Twilio;

/// <summary>The TwiML Parley answers Twilio's voice webhook with, built with Twilio's own library.</summary>
public static class TwilioTwiml
{
    /// <summary>Connects the call's bidirectional media stream to <paramref name="streamUrl"/>, carrying the single-use <paramref name="token"/> as a custom parameter.</summary>
    /// <remarks>Twilio does not pass a query string on to the stream, so the token travels as a <c>&lt;Parameter&gt;</c> and arrives in <c>start.customParameters</c>.</remarks>
    public static string ConnectStream(Uri streamUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(streamUrl);
        var stream = new global::Twilio.TwiML.Voice.Stream(url: streamUrl.AbsoluteUri);
        stream.Parameter(name: TwilioMediaFormat.TokenParameter, value: token);
        var connect = new Connect();
        connect.Append(stream);
        return new VoiceResponse().Append(connect).ToString();
    }

    /// <summary>Politely refuses a call: says why, then hangs up.</summary>
    public static string Refuse(string words) => new VoiceResponse().Say(words).Hangup().ToString();
}
