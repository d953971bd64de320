namespace Parley.Engines.Speech;

/// <summary>The wire formats of remote speech engines, and what each can do.</summary>
public static class SpeechProviderTypes
{
    /// <summary>OpenAI-compatible <c>/audio/transcriptions</c> and <c>/audio/speech</c> (OpenAI, whisper.cpp, faster-whisper, vLLM, Groq, Kokoro, Piper servers).</summary>
    public const string OpenAI = "openai";

    /// <summary>Deepgram's live recognition WebSocket.</summary>
    public const string Deepgram = "deepgram";

    /// <summary>ElevenLabs' stream-input synthesis WebSocket.</summary>
    public const string ElevenLabs = "elevenlabs";

    /// <summary>Every known type.</summary>
    public static IReadOnlyList<string> All { get; } = [OpenAI, Deepgram, ElevenLabs];

    /// <summary>Whether engines of this type recognise speech.</summary>
    public static bool Recognizes(string type) => type is OpenAI or Deepgram;

    /// <summary>Whether engines of this type speak.</summary>
    public static bool Synthesizes(string type) => type is OpenAI or ElevenLabs;
}
