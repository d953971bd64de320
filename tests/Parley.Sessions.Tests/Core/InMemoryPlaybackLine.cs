using Parley.Sessions.Tests.Timelines;
using Parley.Sessions.Transport;

namespace Parley.Sessions.Tests.Core;

/// <summary>An in-memory socket that is also a phone line: it writes down the marks asked for and the pauses, and confirms what the test says was played.</summary>
internal sealed class InMemoryPlaybackLine : InMemoryVoiceConnection, IPlaybackLine
{
    private readonly Lock _gate = new();
    private readonly List<long> _marks = [];
    private readonly List<(long Position, TaskCompletionSource Done)> _waiting = [];
    private long _played;

    public long Played => Interlocked.Read(ref _played);

    /// <summary>The positions the session asked to have confirmed, in order.</summary>
    public IReadOnlyList<long> Marks
    {
        get
        {
            lock (_gate)
            {
                return [.. _marks];
            }
        }
    }

    public int Pauses { get; private set; }

    public int Resumes { get; private set; }

    public void ConfirmWhenPlayed(long position)
    {
        lock (_gate)
        {
            _marks.Add(position);
        }
    }

    public Task WhenPlayedAsync(long position, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_played >= position)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((position, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public void Pause() => Pauses++;

    public void Resume() => Resumes++;

    /// <summary>The far end reports having played up to <paramref name="position"/> (a mark came back).</summary>
    public void Confirm(long position)
    {
        lock (_gate)
        {
            _played = Math.Max(_played, position);
            foreach (var waiter in _waiting.Where(w => w.Position <= _played).ToList())
            {
                waiter.Done.TrySetResult();
                _waiting.Remove(waiter);
            }
        }
    }
}
