using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Parley.Storage.Messages;

namespace Parley.Sessions.Recording;

/// <summary>Writes a session's timeline to storage as it happens, in order, off the audio path.</summary>
/// <remarks>An ephemeral session has no store: events are dropped. A failed write is logged and the session goes on.</remarks>
internal sealed partial class TimelineRecorder
{
    private readonly Channel<(TimelineEvent Event, TaskCompletionSource? Stored)> _events =
        Channel.CreateUnbounded<(TimelineEvent, TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly MessageStore? _store;
    private readonly string _messageId;
    private readonly ILogger _logger;
    private readonly Task _writer;
    private readonly LinkedList<TimelineEvent> _kept = new();
    private long _keptChars;
    private long _total;
    private const int MaxBatch = 64;

    /// <summary>The most events kept in memory for the session's <c>ended</c> event (the newest; storage keeps them all).</summary>
    public const int MaxKeptEvents = 2000;

    /// <summary>The most text those events hold.</summary>
    public const int MaxKeptChars = 512 * 1024;

    public TimelineRecorder(MessageStore? store, string messageId, ILogger logger)
    {
        _store = store;
        _messageId = messageId;
        _logger = logger;
        _writer = store is null ? Task.CompletedTask : Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues an event for storage.</summary>
    public void Record(TimelineEvent timelineEvent)
    {
        if (_store is not null)
        {
            _events.Writer.TryWrite((timelineEvent, null));
        }
    }

    /// <summary>Queues an event for storage; the task completes once the write that holds it is over (stored, or failed and logged).</summary>
    public Task RecordAsync(TimelineEvent timelineEvent)
    {
        if (_store is null)
        {
            return Task.CompletedTask;
        }

        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _events.Writer.TryWrite((timelineEvent, stored)) ? stored.Task : Task.CompletedTask;
    }

    /// <summary>The newest events within <see cref="MaxKeptEvents"/> and <see cref="MaxKeptChars"/>, and how many there were in all; read after <see cref="FlushAsync"/>.</summary>
    public (IReadOnlyList<TimelineEvent> Events, long Total) Kept => ([.. _kept], _total);

    /// <summary>Writes what is queued and stops.</summary>
    public Task FlushAsync()
    {
        _events.Writer.TryComplete();
        return _writer;
    }

    private async Task WriteLoopAsync()
    {
        // What queued while the last write ran goes in one transaction: a busy database gets fewer, larger writes.
        var batch = new List<TimelineEvent>(MaxBatch);
        var waiting = new List<TaskCompletionSource>();
        while (await _events.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _events.Reader.TryRead(out var queued))
            {
                batch.Add(queued.Event);
                Keep(queued.Event);
                if (queued.Stored is { } stored)
                {
                    waiting.Add(stored);
                }
            }

            try
            {
                await _store!.AppendEventsAsync(_messageId, batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogWriteFailed(_logger, ex, _messageId);
            }

            waiting.ForEach(stored => stored.TrySetResult());
            waiting.Clear();
            batch.Clear();
        }
    }

    // Only the write loop calls this, one event at a time, so the kept list needs no lock.
    private void Keep(TimelineEvent timelineEvent)
    {
        _total++;
        _kept.AddLast(timelineEvent);
        _keptChars += Chars(timelineEvent);
        while (_kept.Count > 1 && (_kept.Count > MaxKeptEvents || _keptChars > MaxKeptChars))
        {
            _keptChars -= Chars(_kept.First!.Value);
            _kept.RemoveFirst();
        }
    }

    private static long Chars(TimelineEvent e) => (e.Text?.Length ?? 0) + (e.CitationsJson?.Length ?? 0);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store a timeline event of message {MessageId}.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string messageId);
}
