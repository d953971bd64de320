namespace Parley.Engines.TextToSpeech;

/// <summary>What a synthesiser can do.</summary>
/// <param name="StreamingOutput">Its audio comes in several chunks as it is made, so playback starts before synthesis ends.</param>
/// <param name="WordTimings">Its chunks say when each word is spoken, so the text the user heard before an interruption is cut exactly.</param>
/// <param name="SampleRate">The rate of the PCM16 mono audio it gives; sessions resample to their output rate.</param>
/// <param name="Remote">It is reached over the network, so it may fail or stall mid-call.</param>
public sealed record SynthesizerCapabilities(bool StreamingOutput, bool WordTimings, int SampleRate, bool Remote);
