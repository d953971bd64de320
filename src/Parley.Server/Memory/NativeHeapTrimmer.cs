namespace Parley.Server.Memory;

/// <summary>
/// Hands freed native memory back to the system every <see cref="MemoryOptions.TrimInterval"/>. Sessions allocate in
/// C (ONNX Runtime for the VAD, Flite, SQLite) on whichever thread-pool thread runs them; glibc keeps each thread
/// arena's freed blocks for reuse, and the pages between live blocks were never returned, so resident memory crept up
/// session after session while nothing was in use (a GC dump of the managed heap stayed flat; one malloc_trim gave
/// back all of it).
/// </summary>
/// <param name="options">The interval.</param>
/// <param name="timeProvider">The clock the interval runs on.</param>
/// <param name="logger">Says once where trimming is not available.</param>
/// <param name="trim">Trims and says whether it could (<see cref="Parley.Engines.Memory.NativeHeap.ReleaseFreedMemory"/>); given by tests.</param>
internal sealed partial class NativeHeapTrimmer(MemoryOptions options, TimeProvider timeProvider, ILogger<NativeHeapTrimmer> logger, Func<bool> trim) : BackgroundService
{
    private readonly Func<bool> _trim = trim;

    private PeriodicTimer? _timer;

    /// <summary>Starts the interval now (ExecuteAsync itself runs later, on the thread pool).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.TrimInterval > TimeSpan.Zero)
        {
            _timer = new PeriodicTimer(options.TrimInterval, timeProvider);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is not { } timer)
        {
            return;
        }

        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!_trim())
                {
                    LogUnavailable(logger);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This C library has no malloc_trim; freed native memory stays with the process (Parley:Memory:TrimInterval has no effect here).")]
    private static partial void LogUnavailable(ILogger logger);
}
