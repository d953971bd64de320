namespace Parley.Sessions.Lifecycle;

/// <summary>Told when a stored (not ephemeral) voice session starts and ends, as <c>voice.session.started</c> and <c>voice.session.ended</c> events.</summary>
/// <remarks>
/// Called from the session's own tasks once its turns no longer wait on it (after <c>ready</c>, after <c>ended</c> is
/// queued), so an observer adds no latency to a turn; it records what it must and returns soon, and never throws for
/// its own failures. An ephemeral session tells no one: it leaves nothing behind.
/// </remarks>
public interface ISessionObserver
{
    /// <summary>The session started (its agent is ready).</summary>
    Task OnStartedAsync(SessionStarted started, CancellationToken cancellationToken = default);

    /// <summary>The session ended, with what happened in it.</summary>
    Task OnEndedAsync(SessionEnded ended, CancellationToken cancellationToken = default);
}
