namespace Parley.Testing.Providers;

/// <summary>A word the ElevenLabs loopback server spoke and exactly when, from the start of the request's audio.</summary>
public sealed record SpokenWordTiming(string Text, TimeSpan Start, TimeSpan Duration);
