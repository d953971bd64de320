namespace Parley.Sessions.Orchestration;

/// <summary>What a session's task tools tell the session, so its turn owner knows which work is under way and which is settled.</summary>
/// <remarks>Called from tool code inside a reply; implementations only post, never wait, and never throw.</remarks>
public interface ISessionTaskListener
{
    /// <summary>A task was handed to an agent: work is under way (no idle prompt meanwhile).</summary>
    void OnDelegated(string taskId);

    /// <summary>The user has been told how a task ended, or cancelled it: nothing is left to announce about it.</summary>
    void OnSettled(string taskId);
}
