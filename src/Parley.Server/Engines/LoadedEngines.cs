using Parley.Engines.Audio;
using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;
using Parley.Engines.TextToSpeech;
using Parley.Engines.VoiceActivity;

namespace Parley.Server.Engines;

/// <summary>The speech engines, loaded and warm: the embedded ones, and the catalog sessions find every engine in.</summary>
internal sealed record LoadedEngines(
    IVoiceActivityDetector VoiceActivity,
    PocketSphinxRecognizer Recognizer,
    FliteSynthesizer Synthesizer,
    IAudioResampler Resampler,
    ISpeechCatalog Speech);
