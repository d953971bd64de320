using System.Text;
using CsCheck;

namespace Parley.Testing.Fuzz;

/// <summary>Frames of <c>/ws/voice</c> as JSON text, made from the wire contract's field names (PROTOCOL.md section 2).</summary>
public static class VoiceFrameFuzz
{
    private static readonly Gen<string> Bool = Gen.OneOf("true", "false", "null");
    private static readonly Gen<string> Ids = JsonFuzz.String.Array[0, 4].Select(ids => "[" + string.Join(',', ids) + "]");

    /// <summary>Base64 of 0–12 KB of random bytes (odd lengths too), or text that is not base64 at all.</summary>
    public static Gen<string> AudioData { get; } = Gen.Frequency(
        (6, Gen.Byte.Array[0, 12_288].Select(bytes => JsonFuzz.Literal(Convert.ToBase64String(bytes)))),
        (1, Gen.Int[0, 4096].Select(samples => JsonFuzz.Literal(Convert.ToBase64String(new byte[samples * 2])))),
        (1, JsonFuzz.String));

    /// <summary>A <c>start</c> payload: any of its fields, typed or not.</summary>
    public static Gen<string> StartPayload { get; } = JsonFuzz.Object(
    [
        ("agent_id", JsonFuzz.String), ("conversation_id", JsonFuzz.String), ("voice_mode", Gen.OneOf("\"orchestrator\"", "\"direct_agent\"", "\"x\"")),
        ("config", JsonFuzz.Object([("system_prompt", JsonFuzz.String), ("custom_prompt", JsonFuzz.String)])),
        ("voice_config", JsonFuzz.Object(
        [
            ("input_transcription", Bool), ("output_transcription", Bool), ("silent_start", Gen.OneOf("true", "true", "false")),
            ("silence_timeout", Bool), ("voice_preset", Gen.OneOf("\"slt\"", "\"kal\"", "\"nova\"", "\"nope\"", "\"\"")),
            ("segment_max_duration_ms", JsonFuzz.Number), ("silence_commit_ms", JsonFuzz.Number), ("silence_discard_ratio", JsonFuzz.Number),
        ])),
        ("initial_message", JsonFuzz.String), ("initial_context", JsonFuzz.String), ("ephemeral", Bool),
        ("knowledge_ids", Ids), ("file_ids", Ids), ("page_ids", Ids), ("secret_ids", Ids),
        ("user", JsonFuzz.Object([("email", JsonFuzz.String), ("first_name", JsonFuzz.String), ("last_name", JsonFuzz.String)])),
    ]);

    /// <summary>A frame a client may send, well-formed or nearly: every client type, an unknown type now and then.</summary>
    public static Gen<string> ClientFrame { get; } = Gen.Frequency(
        (1, StartPayload.Select(p => Frame("start", p))),
        (8, JsonFuzz.Object([("data", AudioData), ("mime_type", Gen.OneOf("\"audio/pcm;rate=16000\"", "\"audio/wav\"", "1"))]).Select(p => Frame("audio", p))),
        (3, JsonFuzz.Object([("text", JsonFuzz.String)]).Select(p => Frame("text", p))),
        (2, Gen.OneOf(Frame("interrupt", null), Frame("interrupt", "{}"), Frame("interrupt", "null"))),
        (1, Gen.Select(JsonFuzz.String, JsonFuzz.Value(2)).Select((type, payload) => $"{{\"type\":{type},\"payload\":{payload}}}")),
        (1, JsonFuzz.Value(2)));

    /// <summary>A frame of any type of the contract, the server's own included (a client may send those too).</summary>
    public static Gen<string> AnyFrame { get; } = Gen.Frequency(
        (5, ClientFrame),
        (1, Gen.OneOf(Frame("stop", null), Frame("ready", null), Frame("interrupted", null))),
        (1, JsonFuzz.Object([("session_id", JsonFuzz.String), ("conversation_id", JsonFuzz.String), ("message_id", JsonFuzz.String)]).Select(p => Frame("started", p))),
        (1, JsonFuzz.Object([("role", Gen.OneOf("\"user\"", "\"agent\"", "\"x\"")), ("text", JsonFuzz.String)]).Select(p => Frame("transcript", p))),
        (1, JsonFuzz.Object([("tool_name", JsonFuzz.String), ("status", JsonFuzz.String)]).Select(p => Frame("tool_call", p))),
        (1, JsonFuzz.Object([("message", JsonFuzz.String), ("code", JsonFuzz.String)]).Select(p => Frame("error", p))),
        (1, JsonFuzz.Object([("credits_consumed", JsonFuzz.Number), ("transcript", JsonFuzz.Value(2))]).Select(p => Frame("ended", p))),
        (1, JsonFuzz.Object([("citations", JsonFuzz.Value(3)), ("timestamp_ms", JsonFuzz.Number)]).Select(p => Frame("citation", p))));

    /// <summary>Valid frames of every type, the seeds a <see cref="ByteMutator"/> starts from.</summary>
    public static IReadOnlyList<byte[]> Seeds { get; } = [.. new[]
    {
        Frame("start", """{"agent_id":"a","conversation_id":"c","voice_mode":"orchestrator","config":{"system_prompt":"s","custom_prompt":"c"},"voice_config":{"input_transcription":true,"output_transcription":true,"silent_start":true,"silence_timeout":false,"voice_preset":"slt","segment_max_duration_ms":5000,"silence_commit_ms":300,"silence_discard_ratio":0.5},"initial_message":"hi","initial_context":"ctx","ephemeral":false,"knowledge_ids":["k"],"file_ids":[],"page_ids":[],"secret_ids":[],"user":{"email":"a@b.c","first_name":"A","last_name":"B"}}"""),
        Frame("start", """{"voice_config":{"silent_start":true}}"""),
        Frame("audio", $$"""{"data":"{{Convert.ToBase64String(new byte[640])}}","mime_type":"audio/pcm;rate=16000"}"""),
        Frame("text", """{"text":"what is two plus two"}"""),
        Frame("interrupt", null),
        Frame("stop", null),
        Frame("started", """{"session_id":"s","conversation_id":"c","message_id":"m"}"""),
        Frame("ready", null),
        Frame("transcript", """{"role":"agent","text":"Hello."}"""),
        Frame("tool_call", """{"tool_name":"calculator","status":"started"}"""),
        Frame("citation", """{"citations":[{"citation":"c","sources":[{"source_name":"n","type":"knowledge","confirmations":["x"],"source_id":"i","source_uri":"u"}]}],"timestamp_ms":12}"""),
        Frame("interrupted", null),
        Frame("error", """{"message":"m","code":"invalid_message"}"""),
        Frame("ended", """{"credits_consumed":0,"transcript":[{"role":"user","text":"hi"},{"role":"agent","text":"Hello."}]}"""),
    }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>A frame of <paramref name="type"/> with the payload's JSON text, or none.</summary>
    public static string Frame(string type, string? payload)
        => payload is null ? $"{{\"type\":\"{type}\"}}" : $"{{\"type\":\"{type}\",\"payload\":{payload}}}";
}
