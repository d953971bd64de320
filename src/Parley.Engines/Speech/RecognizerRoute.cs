using Parley.Engines.SpeechToText;

namespace Parley.Engines.Speech;

/// <summary>The recogniser an agent's <c>stt_model</c> names, wrapped as configured, and the model to ask it for.</summary>
public sealed record RecognizerRoute(ISpeechRecognizer Recognizer, string? Model);
