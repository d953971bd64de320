using Parley.Protocol.Payloads;

namespace Parley.Client.Voice;

/// <summary>What one connection of a session has seen: its handshake, its live transcript and its <c>ended</c>.</summary>
internal sealed class ConnectionState(VoiceConnection connection, bool resuming)
{
    private readonly Lock _gate = new();
    private readonly List<TranscriptPayload> _live = [];

    public VoiceConnection Connection => connection;

    /// <summary>Whether this connection resumes a session after a drop (its started and ready are not events).</summary>
    public bool Resuming => resuming;

    public TaskCompletionSource<StartedPayload> Started { get; private set; } = NewStarted();

    public TaskCompletionSource Ready { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The <c>ended</c> payload, once received.</summary>
    public EndedPayload? Ended { get; set; }

    /// <summary>An error that retrying cannot fix (unauthorized, agent or conversation not found).</summary>
    public VoiceSessionException? FatalError { get; set; }

    /// <summary>Whether the receive loop of this connection has finished.</summary>
    public bool Closed { get; set; }

    /// <summary>The transcript lines as they were sent live, in order.</summary>
    public IReadOnlyList<TranscriptPayload> LiveTranscript
    {
        get
        {
            lock (_gate)
            {
                return [.. _live];
            }
        }
    }

    public void AddLine(TranscriptPayload line)
    {
        lock (_gate)
        {
            _live.Add(line);
        }
    }

    /// <summary>New waiters for a retried start, after the server refused one and kept the socket open.</summary>
    public void RenewHandshake()
    {
        if (Started.Task.IsFaulted)
        {
            Started = NewStarted();
            Ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Fails whoever still waits for the handshake.</summary>
    public void FailHandshake(Exception error)
    {
        Started.TrySetException(error);
        Ready.TrySetException(error);

        // Nobody may be waiting; reading the exceptions keeps them from being reported as unobserved.
        _ = Started.Task.Exception;
        _ = Ready.Task.Exception;
    }

    private static TaskCompletionSource<StartedPayload> NewStarted() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
