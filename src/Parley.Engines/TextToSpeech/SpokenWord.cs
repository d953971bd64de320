namespace Parley.Engines.TextToSpeech;

/// <summary>A word of synthesised speech and when it is spoken, from the start of its request's audio.</summary>
public readonly record struct SpokenWord(string Text, TimeSpan Start, TimeSpan Duration);
