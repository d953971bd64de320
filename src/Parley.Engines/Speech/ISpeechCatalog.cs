namespace Parley.Engines.Speech;

/// <summary>The speech engines sessions may use, each wrapped as configured, found by the names agents and clients give.</summary>
/// <remarks>One rule for every caller: <c>POST /v1/voice</c>, the socket's <c>start</c> and the agents API resolve voices here.</remarks>
public interface ISpeechCatalog
{
    /// <summary>The recogniser for an agent's <c>stt_model</c> (<c>provider</c>, <c>provider/model</c>, a listed model), else the default.</summary>
    RecognizerRoute ResolveRecognizer(string? sttModel);

    /// <summary>The voice for a <c>voice_preset</c> (a voice of the default synthesiser, <c>provider/voice</c>, or a preset onto either); the default voice for null; null when the name is unknown.</summary>
    VoiceRoute? ResolveVoice(string? voicePreset);

    /// <summary>Every voice name accepted, for error messages and validation.</summary>
    IReadOnlyList<string> VoiceNames { get; }
}
