namespace Parley.Client.Voice.Events;

/// <summary>Something that happened in a <see cref="VoiceSession"/>: a server frame, or a change of its connection.</summary>
/// <remarks>Read them with <see cref="VoiceSession.ReadEventsAsync"/> and a <c>switch</c> on the type.</remarks>
public abstract record VoiceEvent;
