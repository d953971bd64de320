using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Parley.Storage.Database;
using Parley.Storage.Messages;

namespace Parley.Sessions.Recording;

/// <summary>Writes a session's timeline to storage as it happens, in order, off the audio path, and rides out a database outage.</summary>
/// <remarks>
/// <para>
/// A write the database was unavailable for (<see cref="DatabaseUnavailableException"/>: out of reach, restarting, or
/// gone in the middle of the write) is tried again as the <see cref="StorageRetryPolicy"/> says: the same batch with
/// the same numbers, so one whose commit was lost with its connection is not stored twice. What is said meanwhile
/// queues behind it, so the order stored is the order said. Any other failure (the conversation was deleted under the
/// session) is logged and that batch dropped.
/// </para>
/// <para>
/// Bounded: at most <c>maxPending</c> events wait. An event past that bound is not kept and the session is asked to
/// end (<c>onUnavailable</c>); what waits is still written if the database comes back in time. Once the policy gives up,
/// nothing more is written: what waits is dropped (logged with its count) and the session is asked to end. Either way
/// the client still gets every line in <c>ended</c>. An ephemeral session has no store: its events are dropped.
/// </para>
/// </remarks>
internal sealed partial class TimelineRecorder
{
    private const int MaxBatch = 64;

    private readonly Channel<(TimelineEvent Event, TaskCompletionSource? Stored)> _events =
        Channel.CreateUnbounded<(TimelineEvent, TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _givenUp = new();
    private readonly MessageStore? _store;
    private readonly string _messageId;
    private readonly StorageRetryPolicy _retry;
    private readonly int _maxPending;
    private readonly TimeProvider _time;
    private readonly Action _onUnavailable;
    private readonly ILogger _logger;
    private readonly Task _writer;
    private long _nextSequence = 1;
    private int _pending;
    private int _unavailableSaid;
    private readonly LinkedList<TimelineEvent> _kept = new();
    private long _keptChars;
    private long _total;

    /// <summary>The most events kept in memory for the session's <c>ended</c> event (the newest; storage keeps them all).</summary>
    public const int MaxKeptEvents = 2000;

    /// <summary>The most text those events hold.</summary>
    public const int MaxKeptChars = 512 * 1024;

    /// <param name="store">Where the timeline goes; null for an ephemeral session.</param>
    /// <param name="messageId">The session's voice message.</param>
    /// <param name="retry">When writes are tried again while the database is unavailable.</param>
    /// <param name="maxPending">Events that may wait for the database at once.</param>
    /// <param name="time">The clock the retries wait on.</param>
    /// <param name="onUnavailable">Called once when events can no longer be kept (the bound, or the policy gave up): the session should end.</param>
    /// <param name="logger">The session's logger.</param>
    public TimelineRecorder(
        MessageStore? store, string messageId, StorageRetryPolicy retry, int maxPending, TimeProvider time, Action onUnavailable, ILogger logger)
    {
        _store = store;
        _messageId = messageId;
        _retry = retry;
        _maxPending = maxPending;
        _time = time;
        _onUnavailable = onUnavailable;
        _logger = logger;
        _writer = store is null ? Task.CompletedTask : Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues an event for storage.</summary>
    public void Record(TimelineEvent timelineEvent) => TryQueue(timelineEvent, stored: null);

    /// <summary>
    /// Queues an event for storage; the task completes once it is stored, or once a write holding it has failed (it is
    /// then retried in the background: a reply waiting for its question goes on rather than wait out an outage).
    /// </summary>
    public Task RecordAsync(TimelineEvent timelineEvent)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return TryQueue(timelineEvent, stored) ? stored.Task : Task.CompletedTask;
    }

    /// <summary>The newest events within <see cref="MaxKeptEvents"/> and <see cref="MaxKeptChars"/>, and how many there were in all; read after <see cref="CompleteAsync"/>.</summary>
    public (IReadOnlyList<TimelineEvent> Events, long Total) Kept => ([.. _kept], _total);

    /// <summary>Writes what is queued (retrying as the policy allows), then the message's end with its length, and stops; never throws.</summary>
    public async Task CompleteAsync(long durationMs)
    {
        _events.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        if (_store is { } store && !_givenUp.IsCancellationRequested)
        {
            await WriteAsync(() => store.EndVoiceMessageAsync(_messageId, durationMs), "the end", afterFirstFailure: null).ConfigureAwait(false);
        }
    }

    private bool TryQueue(TimelineEvent timelineEvent, TaskCompletionSource? stored)
    {
        if (_store is null || Volatile.Read(ref _unavailableSaid) != 0)
        {
            return false;
        }

        if (Interlocked.Increment(ref _pending) > _maxPending)
        {
            Interlocked.Decrement(ref _pending);
            LogPendingFull(_logger, _messageId, _maxPending);
            SayUnavailable();
            return false;
        }

        if (_events.Writer.TryWrite((timelineEvent, stored)))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending); // completed: the session is over
        return false;
    }

    private async Task WriteLoopAsync()
    {
        // What queued while the last write ran goes in one transaction: a busy database gets fewer, larger writes.
        var batch = new List<TimelineEvent>(MaxBatch);
        var waiting = new List<TaskCompletionSource>();
        var dropped = 0;
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

            var first = _nextSequence;
            _nextSequence += batch.Count;
            if (_givenUp.IsCancellationRequested
                || !await WriteAsync(() => _store!.AppendNumberedEventsAsync(_messageId, first, batch), "timeline events", () => Release(waiting)).ConfigureAwait(false))
            {
                dropped += batch.Count;
            }

            Interlocked.Add(ref _pending, -batch.Count);
            Release(waiting);
            batch.Clear();
        }

        if (dropped > 0)
        {
            LogDropped(_logger, dropped, _messageId);
        }
    }

    /// <summary>Runs one write, trying it again while the database is unavailable and the policy allows; true once stored.</summary>
    private async Task<bool> WriteAsync(Func<Task> write, string what, Action? afterFirstFailure)
    {
        long failingSince = 0;
        for (var failures = 0; ;)
        {
            try
            {
                await write().ConfigureAwait(false);
                if (failures > 0)
                {
                    LogStoredAfterRetries(_logger, what, _messageId, failures + 1, (long)_time.GetElapsedTime(failingSince).TotalMilliseconds);
                }

                return true;
            }
            catch (DatabaseUnavailableException ex)
            {
                if (failures++ == 0)
                {
                    failingSince = _time.GetTimestamp();
                    afterFirstFailure?.Invoke();
                }

                var failingFor = _time.GetElapsedTime(failingSince);
                if (_retry.DelayAfter(failures, failingFor) is not { } delay)
                {
                    LogGaveUp(_logger, ex, what, _messageId, failures, (long)failingFor.TotalMilliseconds);
                    await _givenUp.CancelAsync().ConfigureAwait(false);
                    SayUnavailable();
                    return false;
                }

                // The wait is on the clock before it is announced: a test moving a fake clock on the announcement moves it past the wait.
                var wait = Task.Delay(delay, _time);
                LogWillRetry(_logger, what, _messageId, failures, (long)delay.TotalMilliseconds, ex.Message);
                await wait.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogWriteFailed(_logger, ex, what, _messageId);
                return false;
            }
        }
    }

    private void SayUnavailable()
    {
        if (Interlocked.Exchange(ref _unavailableSaid, 1) == 0)
        {
            _onUnavailable();
        }
    }

    private static void Release(List<TaskCompletionSource> waiting)
    {
        waiting.ForEach(stored => stored.TrySetResult());
        waiting.Clear();
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {What} of message {MessageId}.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string what, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing {What} of message {MessageId} failed (attempt {Attempt}): the database is unavailable; it will be retried in {DelayMs} ms. {Reason}")]
    private static partial void LogWillRetry(ILogger logger, string what, string messageId, int attempt, long delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {What} of message {MessageId} after {Attempts} attempts, {FailingMs} ms after the first failed.")]
    private static partial void LogStoredAfterRetries(ILogger logger, string what, string messageId, int attempts, long failingMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Gave up storing {What} of message {MessageId} after {Attempts} attempts over {FailingMs} ms: the database is still unavailable; the session ends.")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string what, string messageId, int attempts, long failingMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Message {MessageId} has {MaxPending} timeline events waiting for the database; no more are kept and the session ends.")]
    private static partial void LogPendingFull(ILogger logger, string messageId, int maxPending);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Dropped} timeline events of message {MessageId} were not stored (the failures are logged above).")]
    private static partial void LogDropped(ILogger logger, int dropped, string messageId);
}
