using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Agents.ToolCalls;

/// <summary>
/// Fills the silence of a slow tool on a call: when a reply's tool call has been made and nothing more comes for
/// <c>after</c>, a short acknowledgement ("One moment, checking that.") is put into the reply, once per reply, so the
/// caller hears that something is happening rather than dead air. Wrap the function-invoking client with it.
/// </summary>
/// <remarks>
/// One wrapper for every tool (built-in, knowledge, webhooks, MCP, delegation), rather than a word in each: it watches
/// the stream for a <see cref="FunctionCallContent"/> whose <see cref="FunctionResultContent"/> has not come back yet.
/// The acknowledgement is ordinary reply text, so it is spoken, recorded and cut off like the rest.
/// </remarks>
public sealed class SlowToolAcknowledgingChatClient : DelegatingChatClient
{
    private readonly string _acknowledgement;
    private readonly TimeSpan _after;
    private readonly TimeProvider _timeProvider;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="after"/> of waiting on a tool brings <paramref name="acknowledgement"/>.</summary>
    public SlowToolAcknowledgingChatClient(IChatClient inner, string acknowledgement, TimeSpan after, TimeProvider timeProvider)
        : base(inner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(acknowledgement);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _acknowledgement = acknowledgement.Trim() + " ";
        _after = after;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var acknowledged = false;
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                var next = updates.MoveNextAsync();
                bool more;
                if (acknowledged || pending.Count == 0 || next.IsCompleted)
                {
                    more = await next.ConfigureAwait(false);
                }
                else
                {
                    var waiting = next.AsTask();
                    // A caller who cancels meanwhile hears nothing more: the wait below then ends with the cancellation.
                    if (!await FinishesInTimeAsync(waiting, cancellationToken).ConfigureAwait(false) && !cancellationToken.IsCancellationRequested)
                    {
                        acknowledged = true;
                        yield return new ChatResponseUpdate(ChatRole.Assistant, _acknowledgement);
                    }

                    more = await waiting.ConfigureAwait(false);
                }

                if (!more)
                {
                    yield break;
                }

                var update = updates.Current;
                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case FunctionCallContent call:
                            pending.Add(call.CallId);
                            break;
                        case FunctionResultContent result:
                            pending.Remove(result.CallId);
                            break;
                    }
                }

                yield return update;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Whether the next update comes within the wait; the timer is stopped either way, so none is left running.
    private async Task<bool> FinishesInTimeAsync(Task<bool> next, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(_after, _timeProvider, timer.Token);
        var first = await Task.WhenAny(next, delay).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        try
        {
            await delay.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return first == next;
    }
}
