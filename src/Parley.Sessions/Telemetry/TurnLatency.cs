namespace Parley.Sessions.Telemetry;

/// <summary>How long each stage of one spoken turn's answer took, in ms; a stage the reply never reached is null.</summary>
/// <param name="EndpointToSttFinalMs">End of the user's speech decided → the recogniser's final text.</param>
/// <param name="SttFinalToFirstTextMs">Final text → the agent's first text.</param>
/// <param name="FirstTextToFirstAudioMs">First text → its first synthesised audio.</param>
/// <param name="FirstAudioToFirstFrameMs">First audio → the first frame sent.</param>
/// <param name="EndpointToFirstFrameMs">End of speech decided → the first frame sent: the server's part of the turn's latency.</param>
public sealed record TurnLatency(
    double? EndpointToSttFinalMs,
    double? SttFinalToFirstTextMs,
    double? FirstTextToFirstAudioMs,
    double? FirstAudioToFirstFrameMs,
    double? EndpointToFirstFrameMs);
