namespace Parley.Client.Voice.Events;

/// <summary>The connection dropped; try <see cref="Attempt"/> to reconnect starts after <see cref="Delay"/>.</summary>
/// <param name="Attempt">The try about to be made, from 1.</param>
/// <param name="Delay">The backoff wait before it.</param>
/// <param name="Reason">Why the last connection or try failed.</param>
public sealed record ReconnectingEvent(int Attempt, TimeSpan Delay, string? Reason) : VoiceEvent;
