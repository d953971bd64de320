namespace Parley.Protocol;

/// <summary>The audio formats of the wire: PCM16 little-endian mono.</summary>
public static class AudioFormats
{
    /// <summary>Sample rate of microphone audio sent by clients.</summary>
    public const int InputSampleRate = 16000;

    /// <summary>Sample rate of agent speech sent by the server.</summary>
    public const int OutputSampleRate = 24000;

    /// <summary>The <c>mime_type</c> of agent audio frames.</summary>
    public const string OutputMimeType = "audio/pcm;rate=24000";

    /// <summary>The <c>mime_type</c> clients may give for microphone audio.</summary>
    public const string InputMimeType = "audio/pcm;rate=16000";
}
