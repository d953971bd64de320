using System.Net.WebSockets;
using Parley.Sessions.Transport;
using Parley.Telephony.Media;

namespace Parley.Server.Telephony;

/// <summary>The first events of a carrier's media stream: <c>connected</c> (when sent) and <c>start</c>, which name the call and carry its token.</summary>
internal sealed record StreamOpening(CarrierEvent.Connected? Connected, CarrierEvent.Started Started)
{
    /// <summary>Most frames read while waiting for <c>start</c>.</summary>
    private const int MaxFramesBeforeStart = 8;

    /// <summary>Reads up to <c>start</c>; null when it does not come within <paramref name="timeout"/> or the first frames.</summary>
    public static async Task<StreamOpening?> ReadAsync(WebSocket socket, ICarrierMediaFormat format, TimeSpan timeout, TimeProvider time)
    {
        var connection = new WebSocketVoiceConnection(socket, PhoneCallConnection.MaxCarrierFrameBytes);
        using var limit = new CancellationTokenSource(timeout, time);
        CarrierEvent.Connected? connected = null;
        for (var i = 0; i < MaxFramesBeforeStart; i++)
        {
            ReadOnlyMemory<byte>? frame;
            try
            {
                frame = await connection.ReceiveAsync(limit.Token).ConfigureAwait(false);
            }
            catch (FrameTooLargeException)
            {
                return null;
            }

            switch (frame is null ? null : format.Read(frame.Value.Span))
            {
                case null:
                    return null;
                case CarrierEvent.Connected c:
                    connected = c;
                    break;
                case CarrierEvent.Started started:
                    return new StreamOpening(connected, started);
            }
        }

        return null;
    }
}
