using Parley.Engines.Audio;
using Parley.Engines.SpeechToText;
using Parley.Engines.TextToSpeech;
using Parley.Engines.VoiceActivity;

namespace Parley.Server.Engines;

/// <summary>The speech engines, loaded and warm.</summary>
internal sealed record LoadedEngines(
    IVoiceActivityDetector VoiceActivity,
    ISpeechRecognizer Recognizer,
    ISpeechSynthesizer Synthesizer,
    IAudioResampler Resampler);
