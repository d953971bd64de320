namespace Parley.Storage.Files;

/// <summary>What a file is: uploaded through the Files API, or recorded by a voice session.</summary>
public static class FileKinds
{
    /// <summary>Uploaded through <c>POST /v1/files</c>.</summary>
    public const string Upload = "upload";

    /// <summary>One user utterance or one agent reply of a voice session, as a mono WAV.</summary>
    public const string AudioClip = "audio_clip";

    /// <summary>A whole voice session as a stereo WAV: the user left, the agent right.</summary>
    public const string CallRecording = "call_recording";

    /// <summary>Whether the kind is a recording (kept for the retention period only).</summary>
    public static bool IsRecording(string kind) => kind is AudioClip or CallRecording;
}
