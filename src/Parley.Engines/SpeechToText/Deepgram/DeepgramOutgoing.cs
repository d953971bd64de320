namespace Parley.Engines.SpeechToText.Deepgram;

/// <summary>A message waiting in a connection's send queue: audio (binary) or a control message (JSON text).</summary>
internal readonly record struct DeepgramOutgoing(byte[]? Audio, string? Control)
{
    /// <summary><c>{"type":"KeepAlive"}</c>: keeps an idle connection open; Deepgram does not answer it.</summary>
    public const string KeepAlive = """{"type":"KeepAlive"}""";

    /// <summary><c>{"type":"Finalize"}</c>: transcribe what has been sent now; the answer is marked <c>from_finalize</c>.</summary>
    public const string Finalize = """{"type":"Finalize"}""";

    /// <summary><c>{"type":"CloseStream"}</c>: finish, send the last results and <c>Metadata</c>, then close.</summary>
    public const string CloseStream = """{"type":"CloseStream"}""";
}
