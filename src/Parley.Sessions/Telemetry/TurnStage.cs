namespace Parley.Sessions.Telemetry;

/// <summary>A stage of a reply's preparation that <see cref="TurnTimings"/> times.</summary>
internal enum TurnStage
{
    /// <summary>The agent's first text.</summary>
    FirstText,

    /// <summary>The first synthesised audio.</summary>
    FirstAudio,
}
