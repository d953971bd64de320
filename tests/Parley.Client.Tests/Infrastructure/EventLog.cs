using Parley.Client.Voice;
using Parley.Client.Voice.Events;

namespace Parley.Client.Tests.Infrastructure;

/// <summary>Reads a session's events as they come and lets a test wait for the one it needs.</summary>
public sealed class EventLog : IAsyncDisposable
{
    private readonly List<VoiceEvent> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EventLog(VoiceSession session) => _reading = ReadAsync(session);

    /// <summary>Every event so far, in order.</summary>
    public IReadOnlyList<VoiceEvent> All
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Whether the session's events have ended.</summary>
    public bool Completed => _reading.IsCompleted;

    public async Task<T> WaitForAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
        where T : VoiceEvent
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_events)
            {
                if (_events.OfType<T>().FirstOrDefault(e => predicate?.Invoke(e) ?? true) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _reading.IsCompleted && !changed.IsCompleted)
            {
                throw new TimeoutException($"No {typeof(T).Name} matching. Events: {string.Join(", ", All.Select(Describe))}");
            }

            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    public Task<TranscriptEvent> WaitForAgentLineAsync(string containing, TimeSpan? timeout = null)
        => WaitForAsync<TranscriptEvent>(t => !t.IsUser && t.Text.Contains(containing, StringComparison.OrdinalIgnoreCase), timeout);

    /// <summary>Waits until agent audio has come and then none for <paramref name="quiet"/>.</summary>
    public async Task WaitForAgentToFinishAsync(TimeSpan? quiet = null)
    {
        await WaitForAsync<AudioEvent>();
        var quietFor = quiet ?? TimeSpan.FromMilliseconds(800);
        var count = All.Count(e => e is AudioEvent);
        while (true)
        {
            await Task.Delay(quietFor);
            var now = All.Count(e => e is AudioEvent);
            if (now == count)
            {
                return;
            }

            count = now;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAny(_reading, Task.Delay(TimeSpan.FromSeconds(10)));
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }

    private static string Describe(VoiceEvent e) => e switch
    {
        TranscriptEvent t => $"{t.Role}: {t.Text}",
        AudioEvent => "audio",
        _ => e.GetType().Name,
    };

    private async Task ReadAsync(VoiceSession session)
    {
        try
        {
            await foreach (var e in session.ReadEventsAsync(_stop.Token))
            {
                lock (_events)
                {
                    _events.Add(e);
                    _changed.TrySetResult();
                    _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_events)
            {
                _changed.TrySetResult();
            }
        }
    }
}
