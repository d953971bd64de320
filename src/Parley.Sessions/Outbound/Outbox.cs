using System.Threading.Channels;
using Parley.Protocol.Messages;
using Parley.Protocol.Serialization;
using Parley.Sessions.Transport;

namespace Parley.Sessions.Outbound;

/// <summary>The one sender of a session: frames go out in the order they were posted, from one loop.</summary>
/// <remarks>
/// Audio is paced before it is posted (see <c>AudioPacer</c>), so the queue stays a frame or two deep and
/// control frames such as <c>interrupted</c> never wait behind seconds of audio.
/// </remarks>
internal sealed class Outbox
{
    private readonly Channel<VoiceMessage> _queue = Channel.CreateUnbounded<VoiceMessage>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly IVoiceConnection _connection;
    private readonly Task _sendLoop;

    public Outbox(IVoiceConnection connection)
    {
        _connection = connection;
        _sendLoop = Task.Run(SendLoopAsync);
    }

    /// <summary>Queues a frame; false once the outbox is completed.</summary>
    public bool Post(VoiceMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>Sends everything queued, then stops accepting frames.</summary>
    public async Task FlushAndCompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _sendLoop.ConfigureAwait(false);
    }

    private async Task SendLoopAsync()
    {
        await foreach (var message in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await _connection.SendAsync(VoiceMessageCodec.Serialize(message)).ConfigureAwait(false);
        }
    }
}
