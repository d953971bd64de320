namespace Parley.Sessions.Idle;

/// <summary>Asks the user whether they are still there when they say nothing for a while after the agent has finished.</summary>
/// <remarks>
/// Armed each time the agent finishes speaking, disarmed whenever the user makes themselves heard. After
/// <see cref="VoiceSessionOptions.IdlePromptsInARow"/> prompts with no answer it stays quiet until the user speaks:
/// a caller who walked away is not nagged for the rest of the session (<c>voice_config.silence_timeout</c> closes
/// such sessions, when asked for).
/// </remarks>
internal sealed class IdlePrompter : IDisposable
{
    private readonly ITimer? _timer;
    private readonly TimeSpan _after;
    private readonly int _inARowLimit;
    private readonly Action _prompt;
    private readonly Lock _gate = new();
    private int _inARow;
    private bool _disposed;

    public IdlePrompter(TimeProvider time, VoiceSessionOptions options, Action prompt)
    {
        _after = options.IdlePromptAfter;
        _inARowLimit = options.IdlePromptsInARow;
        _prompt = prompt;
        if (_after > TimeSpan.Zero && _inARowLimit > 0)
        {
            _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The agent finished speaking: start counting the user's silence.</summary>
    public void AgentFinished()
    {
        lock (_gate)
        {
            if (!_disposed && _inARow < _inARowLimit)
            {
                _timer?.Change(_after, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>The user spoke or typed: they are there.</summary>
    public void UserActive()
    {
        lock (_gate)
        {
            _inARow = 0;
            if (!_disposed)
            {
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _inARow++;
        }

        _prompt();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer?.Dispose();
    }
}
