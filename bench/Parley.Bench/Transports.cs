namespace Parley.Bench;

/// <summary>The ways callers reach the server (<c>--transports</c>).</summary>
internal static class Transports
{
    /// <summary>The Voice API's WebSocket, <c>/ws/voice</c>, in microphone-sized chunks.</summary>
    public const string WebSocket = "websocket";

    /// <summary>A phone call: Twilio's voice webhook and Media Streams (µ-law 8 kHz in 20 ms frames) through the emulated carrier.</summary>
    public const string Phone = "phone";

    public static readonly string[] All = [WebSocket, Phone];
}
