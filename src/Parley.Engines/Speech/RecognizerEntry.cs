using Parley.Engines.SpeechToText;

namespace Parley.Engines.Speech;

/// <summary>A recogniser in the catalog: its provider name, the models it lists (for <c>stt_model</c> lookups) and the one it uses when none is named.</summary>
public sealed record RecognizerEntry(string Name, ISpeechRecognizer Recognizer, IReadOnlyList<string> Models, string? DefaultModel = null);
