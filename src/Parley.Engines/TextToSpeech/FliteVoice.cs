namespace Parley.Engines.TextToSpeech;

/// <summary>A registered Flite voice (a native <c>cst_voice*</c> that lives as long as the process) and its rate.</summary>
internal sealed record FliteVoice(string Name, nint Handle, int SampleRate);
