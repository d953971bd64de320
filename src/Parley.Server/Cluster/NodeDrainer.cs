using Parley.Server.Voice;

namespace Parley.Server.Cluster;

/// <summary>Drains this node when it is told to stop (SIGTERM, Ctrl+C): readiness turns 503, new sessions are refused, live ones end once their reply is over.</summary>
/// <remarks>
/// It runs in the host's stopping phase, before the web server stops listening, so for the whole drain the node still
/// serves its live sockets and answers the readiness check (503) and the REST API. Each live session ends, within
/// <see cref="ClusterOptions.DrainGrace"/>, with <c>ended</c> and close 1012; its client reconnects through the load
/// balancer to another node and continues the same conversation. The host's shutdown timeout is set above the grace.
/// </remarks>
internal sealed partial class NodeDrainer(SessionRegistry sessions, ClusterOptions options, ILogger<NodeDrainer> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        LogDraining(logger, options.NodeName, sessions.Count, options.DrainGrace.TotalSeconds);
        var drained = sessions.DrainAsync(options.DrainGrace);
        try
        {
            // The grace, then a moment for the last `ended` frames and close handshakes to go out.
            await drained.WaitAsync(options.DrainGrace + TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            LogDrained(logger, options.NodeName);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogDrainCut(logger, options.NodeName, sessions.Count);
            sessions.DrainAll();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} draining: {Sessions} live session(s) end once their replies are over (grace {GraceSeconds} s).")]
    private static partial void LogDraining(ILogger logger, string node, int sessions, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} drained: no live session left.")]
    private static partial void LogDrained(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node}: {Sessions} session(s) still live after the grace; ended now.")]
    private static partial void LogDrainCut(ILogger logger, string node, int sessions);
}
