using System.Text;
using CsCheck;
using Parley.Testing.Fuzz;

namespace Parley.Server.Tests.Fuzz;

/// <summary>What a fuzzing client sends on one socket: frames in order, each as a text or a binary WebSocket frame.</summary>
public sealed record SessionScript(IReadOnlyList<ScriptFrame> Frames)
{
    private static readonly ByteMutator Mutator = new(JsonFuzz.Tokens);

    /// <summary>A silent <c>start</c>, the usual first frame: sessions get going, so the later frames meet a live session.</summary>
    public static byte[] SilentStart { get; } = Encoding.UTF8.GetBytes(VoiceFrameFuzz.Frame("start", """{"voice_config":{"silent_start":true}}"""));

    /// <summary>Scripts of 1 to 48 frames: mostly a start first, then generated, mutated and random frames.</summary>
    public static Gen<SessionScript> Gen { get; } = CsCheck.Gen.Select(First, Later.Array[0, 47])
        .Select((first, later) => new SessionScript([first, .. later]));

    private static Gen<ScriptFrame> First => Frame(CsCheck.Gen.Frequency(
        (6, CsCheck.Gen.Const(SilentStart)),
        (1, CsCheck.Gen.Const(Encoding.UTF8.GetBytes(VoiceFrameFuzz.Frame("start", "{}")))),
        (2, VoiceFrameFuzz.StartPayload.Select(p => Encoding.UTF8.GetBytes(VoiceFrameFuzz.Frame("start", p)))),
        (1, Later.Select(f => f.Bytes))));

    private static Gen<ScriptFrame> Later => Frame(CsCheck.Gen.Frequency(
        (10, VoiceFrameFuzz.ClientFrame.Select(Encoding.UTF8.GetBytes)),
        (4, Mutator.Of(VoiceFrameFuzz.Seeds).Select(m => m.Bytes)),
        (1, CsCheck.Gen.Byte.Array[0, 512]),
        (1, CsCheck.Gen.Const(Encoding.UTF8.GetBytes(VoiceFrameFuzz.Frame("stop", null))))));

    /// <remarks>
    /// Bytes that are not UTF-8 always go as a binary frame, which Parley reads and answers (invalid_message). As a
    /// text frame they fail the connection in the WebSocket layer before Parley sees them (RFC 6455 section 8.1, close
    /// 1007), and a client still sending then meets a TCP reset that discards what the server sent before it: the
    /// script would test the kernel, not the contract.
    /// </remarks>
    private static Gen<ScriptFrame> Frame(Gen<byte[]> bytes)
        => CsCheck.Gen.Select(bytes, CsCheck.Gen.Int[0, 4]).Select((b, binary) => new ScriptFrame(b, binary == 0 || !System.Text.Unicode.Utf8.IsValid(b)));

    public override string ToString() => string.Join("\n", Frames);
}

/// <summary>One frame of a <see cref="SessionScript"/>.</summary>
public sealed record ScriptFrame(byte[] Bytes, bool Binary)
{
    public override string ToString() => (Binary ? "binary " : "text ") + RestRequest.Shorten(Encoding.UTF8.GetString(Bytes));
}
