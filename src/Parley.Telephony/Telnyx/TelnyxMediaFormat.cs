using Parley.Telephony.Media;

namespace Parley.Telephony.Telnyx;

/// <summary>Telnyx's media streaming WebSocket frames (bidirectional, <c>stream_bidirectional_mode: rtp</c>), as Telnyx publishes them.</summary>
/// <remarks>
/// In: <c>connected</c> (with <c>x-telnyx-streaming-auth-token</c> when a <c>stream_auth_token</c> was set), <c>start</c>
/// (<c>stream_id</c>, <c>start.call_control_id</c>, <c>custom_parameters</c>, <c>media_format</c> <c>PCMU</c> 8000 Hz mono),
/// <c>media</c> (<c>media.track</c>, <c>chunk</c>, <c>timestamp</c>, <c>payload</c>: an RTP payload without its header),
/// <c>dtmf</c> (<c>dtmf.digit</c>), <c>mark</c> (<c>mark.name</c>), <c>error</c>, <c>stop</c>. Out: <c>media</c>
/// (<c>media.payload</c>), <c>mark</c> and <c>clear</c>; the stream is the socket, so no id is needed in them. Unlike
/// Twilio's, Telnyx's names are snake_case, and it says media frames may arrive out of order (the bridge drops a late one).
/// </remarks>
public sealed class TelnyxMediaFormat : ICarrierMediaFormat
{
    /// <summary>The header (and <c>connected</c> field) in which Telnyx sends the call's <c>stream_auth_token</c>.</summary>
    public const string AuthTokenHeader = "x-telnyx-streaming-auth-token";

    /// <summary>The shared instance.</summary>
    public static TelnyxMediaFormat Instance { get; } = new();

    public string Name => "telnyx";

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
                return new CarrierEvent.Connected(
                    CarrierJson.String(root, AuthTokenHeader) ?? (CarrierJson.Object(root, "connected") is { } c ? CarrierJson.String(c, AuthTokenHeader) : null));
            case "start" when CarrierJson.Object(root, "start") is { } start:
                var format = CarrierJson.Object(start, "media_format");
                return new CarrierEvent.Started(
                    CarrierJson.String(root, "stream_id") ?? string.Empty,
                    CarrierJson.String(start, "call_control_id") ?? string.Empty,
                    CarrierJson.Strings(CarrierJson.Object(start, "custom_parameters")),
                    format is { } f ? CarrierJson.String(f, "encoding") ?? string.Empty : string.Empty,
                    format is { } r ? (int)(CarrierJson.Number(r, "sample_rate") ?? 0) : 0,
                    format is { } n ? (int)(CarrierJson.Number(n, "channels") ?? 0) : 0);
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
            case "error":
                var detail = CarrierJson.Object(root, "payload") is { } error ? CarrierJson.String(error, "detail") ?? CarrierJson.String(error, "title") : null;
                return new CarrierEvent.Other("error", detail);
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
            w.WriteStartObject("media");
            w.WriteString("payload", payload);
            w.WriteEndObject();
        });
    }

    public byte[] Mark(string streamId, string name) => CarrierJson.Write(w =>
    {
        w.WriteString("event", "mark");
        w.WriteStartObject("mark");
        w.WriteString("name", name);
        w.WriteEndObject();
    });

    public byte[] Clear(string streamId) => CarrierJson.Write(w => w.WriteString("event", "clear"));
}
