using Parley.Engines.TextToSpeech;

namespace Parley.Engines.Speech;

/// <summary>A synthesiser in the catalog: its provider name and the model it asks for.</summary>
public sealed record SynthesizerEntry(string Name, ISpeechSynthesizer Synthesizer, string? Model = null);
