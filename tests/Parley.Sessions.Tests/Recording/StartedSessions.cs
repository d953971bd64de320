using Parley.Sessions.Lifecycle;

namespace Parley.Sessions.Tests.Recording;

/// <summary>Hears sessions start, as the webhook publisher does: where each session's clock starts is read from here.</summary>
internal sealed class StartedSessions : ISessionObserver
{
    private readonly TaskCompletionSource<SessionStarted> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The first session that started.</summary>
    public Task<SessionStarted> First => _first.Task;

    public Task OnStartedAsync(SessionStarted started, CancellationToken cancellationToken = default)
    {
        _first.TrySetResult(started);
        return Task.CompletedTask;
    }

    public Task OnEndedAsync(SessionEnded ended, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
