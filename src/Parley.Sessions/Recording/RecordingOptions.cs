namespace Parley.Sessions.Recording;

/// <summary>Whether voice sessions are recorded, and for how long recordings are kept; bound from <c>Parley:Recordings</c>.</summary>
/// <remarks>
/// A recording holds the caller's voice: personal data, and in many places data that needs the caller's consent.
/// Recording happens only when this is on, the agent does not turn it off (its <c>recording</c> field), and the session
/// is not ephemeral. Any key of the teamspace can download a recording until it is deleted or its retention ends.
/// </remarks>
public sealed record RecordingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Parley:Recordings";

    /// <summary>Whether sessions are recorded at all (an agent may still turn it off for itself).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How long a recording is kept before the sweeper deletes it; zero keeps recordings until they are deleted.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Recorder work a session may have queued (about 100 ms of audio each); beyond it audio is left out of the recording, never held up.</summary>
    public int MaxQueuedItems { get; init; } = 2048;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting out of range.</summary>
    public RecordingOptions Validate()
    {
        if (Retention < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:Retention must not be negative (zero keeps recordings until they are deleted).");
        }

        if (MaxQueuedItems < 16)
        {
            throw new InvalidOperationException($"{Section}:MaxQueuedItems must be at least 16.");
        }

        return this;
    }
}
