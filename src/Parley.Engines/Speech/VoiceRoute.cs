using Parley.Engines.TextToSpeech;

namespace Parley.Engines.Speech;

/// <summary>The synthesiser and voice a <c>voice_preset</c> names, wrapped as configured.</summary>
public sealed record VoiceRoute(ISpeechSynthesizer Synthesizer, string Voice, string? Model = null);
