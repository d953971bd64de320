namespace Parley.Engines.Speech;

/// <summary>
/// The two clocks of a streamed answer: its first part must come within one timeout of the request, each next part
/// within another of the part before. Only the provider's silence counts: the clock stops while the caller holds a part.
/// </summary>
internal sealed class StreamTimeouts : IDisposable
{
    private readonly CancellationTokenSource _first;
    private readonly CancellationTokenSource _stall;
    private readonly CancellationTokenSource _linked;
    private readonly TimeSpan _firstTimeout;
    private readonly TimeSpan _stallTimeout;
    private bool _started;

    public StreamTimeouts(TimeSpan firstTimeout, TimeSpan stallTimeout, TimeProvider timeProvider, CancellationToken caller)
    {
        _firstTimeout = firstTimeout;
        _stallTimeout = stallTimeout;
        _first = new CancellationTokenSource(firstTimeout, timeProvider);
        _stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _first.Token, _stall.Token);
        Caller = caller;
    }

    /// <summary>Cancelled by the caller or by either clock.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>The caller's own token, whose cancellation is never translated.</summary>
    public CancellationToken Caller { get; }

    /// <summary>About to wait for the provider: after the first part, the stall clock runs.</summary>
    public void Waiting()
    {
        if (_started)
        {
            _stall.CancelAfter(_stallTimeout);
        }
    }

    /// <summary>The provider answered something; the stall clock stops while the caller handles it.</summary>
    public void Received() => _stall.CancelAfter(Timeout.InfiniteTimeSpan);

    /// <summary>The first part has come; its clock stops for good.</summary>
    public void Started()
    {
        _first.CancelAfter(Timeout.InfiniteTimeSpan);
        _started = true;
    }

    /// <summary>The timeout behind <paramref name="exception"/>, as the engine's error; null when neither clock ran out.</summary>
    public SpeechEngineException? Explain(string engine, string beforeFirst, string midway, Exception exception)
        => _first.IsCancellationRequested ? SpeechEngineFailures.TimedOut(engine, beforeFirst, _firstTimeout, exception)
            : _stall.IsCancellationRequested ? SpeechEngineFailures.Stalled(engine, midway, _stallTimeout, exception)
            : null;

    public void Dispose()
    {
        _linked.Dispose();
        _stall.Dispose();
        _first.Dispose();
    }
}
