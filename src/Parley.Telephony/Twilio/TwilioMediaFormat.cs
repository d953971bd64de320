using Parley.Telephony.Media;

namespace Parley.Telephony.Twilio;

/// <summary>Twilio's bidirectional Media Streams messages (<c>&lt;Connect&gt;&lt;Stream&gt;</c>), as Twilio publishes them.</summary>
/// <remarks>
/// In: <c>connected</c>, <c>start</c> (<c>start.streamSid</c>, <c>callSid</c>, <c>customParameters</c>, <c>mediaFormat</c>
/// <c>audio/x-mulaw</c> 8000 Hz mono), <c>media</c> (<c>media.track</c>, <c>chunk</c>, <c>timestamp</c>, <c>payload</c>),
/// <c>dtmf</c> (<c>dtmf.digit</c>), <c>mark</c> (<c>mark.name</c>), <c>stop</c>. Out: <c>media</c>, <c>mark</c> and <c>clear</c>,
/// each with the <c>streamSid</c>. A <c>clear</c> empties Twilio's buffer and sends every pending mark back.
/// </remarks>
public sealed class TwilioMediaFormat : ICarrierMediaFormat
{
    /// <summary>The custom parameter (<c>&lt;Parameter&gt;</c> of the TwiML) that carries the call's token to the stream.</summary>
    public const string TokenParameter = "parley_token";

    /// <summary>The shared instance.</summary>
    public static TwilioMediaFormat Instance { get; } = new();

    public string Name => "twilio";

    public CarrierEvent Read(ReadOnlySpan<byte> utf8)
    {
        using var document = CarrierJson.Parse(utf8, out var problem);
        if (document is null)
        {
            return new CarrierEvent.Invalid(problem!);
        }

        var root = document.RootElement;
        var name = CarrierJson.String(root, "event");
        switch (name)
        {
            case "connected":
                return new CarrierEvent.Connected();
            case "start" when CarrierJson.Object(root, "start") is { } start:
                var format = CarrierJson.Object(start, "mediaFormat");
                return new CarrierEvent.Started(
                    CarrierJson.String(start, "streamSid") ?? CarrierJson.String(root, "streamSid") ?? string.Empty,
                    CarrierJson.String(start, "callSid") ?? string.Empty,
                    CarrierJson.Strings(CarrierJson.Object(start, "customParameters")),
                    format is { } f ? CarrierJson.String(f, "encoding") ?? string.Empty : string.Empty,
                    format is { } r ? (int)(CarrierJson.Number(r, "sampleRate") ?? 0) : 0,
                    format is { } c ? (int)(CarrierJson.Number(c, "channels") ?? 0) : 0);
            case "media" when CarrierJson.Object(root, "media") is { } media:
                if (CarrierJson.String(media, "track") is { } track && track != "inbound")
                {
                    return new CarrierEvent.Other("media", track);
                }

                return CarrierJson.Base64(CarrierJson.String(media, "payload")) is { } payload
                    ? new CarrierEvent.Media(payload, CarrierJson.Number(media, "chunk"))
                    : new CarrierEvent.Invalid("media without a base64 payload");
            case "mark" when CarrierJson.Object(root, "mark") is { } mark && CarrierJson.String(mark, "name") is { } markName:
                return new CarrierEvent.Mark(markName);
            case "dtmf" when CarrierJson.Object(root, "dtmf") is { } dtmf && CarrierJson.String(dtmf, "digit") is { Length: > 0 } digit:
                return new CarrierEvent.Dtmf(digit);
            case "stop":
                return new CarrierEvent.Stopped();
            case null:
                return new CarrierEvent.Invalid("no \"event\"");
            default:
                return new CarrierEvent.Other(name);
        }
    }

    public byte[] Media(string streamId, ReadOnlySpan<byte> mulaw)
    {
        var payload = Convert.ToBase64String(mulaw);
        return CarrierJson.Write(w =>
        {
            w.WriteString("event", "media");
            w.WriteString("streamSid", streamId);
            w.WriteStartObject("media");
            w.WriteString("payload", payload);
            w.WriteEndObject();
        });
    }

    public byte[] Mark(string streamId, string name) => CarrierJson.Write(w =>
    {
        w.WriteString("event", "mark");
        w.WriteString("streamSid", streamId);
        w.WriteStartObject("mark");
        w.WriteString("name", name);
        w.WriteEndObject();
    });

    public byte[] Clear(string streamId) => CarrierJson.Write(w =>
    {
        w.WriteString("event", "clear");
        w.WriteString("streamSid", streamId);
    });
}
