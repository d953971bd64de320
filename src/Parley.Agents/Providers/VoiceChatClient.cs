using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Agents.Providers;

/// <summary>
/// Fits a language model's chat client to a voice call: adds the <see cref="VoicePrompts"/>, fails a stream that
/// stalls with a <see cref="TimeoutException"/>, and turns the provider client's errors into
/// <see cref="ChatProviderException"/>s. The inner client is shared between sessions, so disposing this leaves it open.
/// </summary>
internal sealed class VoiceChatClient : DelegatingChatClient
{
    private readonly string _provider;
    private readonly string _model;
    private readonly TimeSpan _stallTimeout;
    private readonly TimeProvider _timeProvider;

    public VoiceChatClient(IChatClient inner, string provider, string model, TimeSpan stallTimeout, TimeProvider timeProvider)
        : base(inner)
    {
        _provider = provider;
        _model = model;
        _stallTimeout = stallTimeout;
        _timeProvider = timeProvider;
    }

    /// <summary>Collects the stream, so a whole reply gets the same prompts and stall timeout.</summary>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <summary>Streams the reply; each update must arrive within the stall timeout of the previous one.</summary>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prepared = VoicePrompts.Prepare(messages);
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        var updates = base.GetStreamingResponseAsync(prepared, options, linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (true)
            {
                stall.CancelAfter(_stallTimeout);
                bool more;
                try
                {
                    more = await updates.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw Translate(ex, stall.IsCancellationRequested);
                }

                // The caller may take its time with an update (speaking it); only the provider's silence counts.
                stall.CancelAfter(Timeout.InfiniteTimeSpan);
                if (!more)
                {
                    yield break;
                }

                yield return updates.Current;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Leaves the shared inner client open.</summary>
    [SuppressMessage("Usage", "CA2215:Dispose methods should call base class dispose", Justification = "The inner client is shared by sessions and owned by its provider.")]
    protected override void Dispose(bool disposing)
    {
    }

    private Exception Translate(Exception exception, bool stalled) => exception switch
    {
        _ when stalled => new TimeoutException(
            $"The language model provider '{_provider}' sent nothing for {_stallTimeout.TotalSeconds:0.###} s (model '{_model}'); the reply was abandoned.", exception),
        // Cancelled without the caller asking: the provider client's own request timeout.
        OperationCanceledException or TimeoutException => new TimeoutException(
            $"The language model provider '{_provider}' did not answer in time (model '{_model}').", exception),
        _ => ChatProviderException.From(_provider, _model, exception),
    };
}
