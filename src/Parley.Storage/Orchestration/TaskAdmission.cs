namespace Parley.Storage.Orchestration;

/// <summary>Whether a new task was queued, or which bound refused it.</summary>
public enum TaskAdmission
{
    /// <summary>Queued.</summary>
    Queued,

    /// <summary>The teamspace already has as many tasks queued or running as it may.</summary>
    TeamspaceBusy,

    /// <summary>The server already holds as many queued tasks as it may.</summary>
    ServerBusy,
}
