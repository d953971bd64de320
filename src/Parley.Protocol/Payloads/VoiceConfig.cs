namespace Parley.Protocol.Payloads;

/// <summary>Voice options of a session, as the Datagrid SDK names them.</summary>
public sealed record VoiceConfig
{
    /// <summary>Send <c>transcript</c> events for the user's speech (default true).</summary>
    public bool? InputTranscription { get; init; }

    /// <summary>Send <c>transcript</c> events for the agent's speech (default true).</summary>
    public bool? OutputTranscription { get; init; }

    /// <summary>Skip the greeting and start listening at once.</summary>
    public bool? SilentStart { get; init; }

    /// <summary>Close the session after 60 s of frames below the speech threshold.</summary>
    public bool? SilenceTimeout { get; init; }

    /// <summary>Voice to speak with; the agent's or the server's default when absent.</summary>
    public string? VoicePreset { get; init; }

    public int? SegmentMaxDurationMs { get; init; }
    public int? SilenceCommitMs { get; init; }
    public double? SilenceDiscardRatio { get; init; }
}
