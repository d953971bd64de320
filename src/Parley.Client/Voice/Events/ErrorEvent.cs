namespace Parley.Client.Voice.Events;

/// <summary><c>error</c>: the server refused something; <see cref="Code"/> is one of <c>Parley.Protocol.ErrorCodes</c>.</summary>
public sealed record ErrorEvent(string Code, string Message) : VoiceEvent;
