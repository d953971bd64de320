namespace Parley.Client.Voice.Events;

/// <summary>Reconnection failed <see cref="Attempts"/> times, or met an error that retrying cannot fix; the session ends next.</summary>
public sealed record GaveUpEvent(int Attempts, Exception? LastError) : VoiceEvent;
