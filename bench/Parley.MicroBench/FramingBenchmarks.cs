using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Parley.Engines.Audio;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.MicroBench;

/// <summary>The <c>audio</c> messages of the wire, per message: agent frames out, microphone chunks in.</summary>
[MemoryDiagnoser]
public class FramingBenchmarks
{
    /// <summary>Bytes of PCM16 in one microphone chunk (4096 samples = 256 ms at 16 kHz).</summary>
    public const int MicrophoneChunkBytes = 8192;

    private const int AgentFrameSamples = AudioFormats.OutputSampleRate * 40 / 1000;

    private short[] _agentFrame = null!;
    private byte[] _microphoneMessage = null!;

    /// <summary>Builds a 40 ms 24 kHz agent frame and an 8192-byte microphone <c>audio</c> message from real speech.</summary>
    [GlobalSetup]
    public void PrepareFrames()
    {
        var speech = BenchmarkSpeech.Utterance;
        _agentFrame = new SoxrResampler().Resample(speech, 16000, AudioFormats.OutputSampleRate).AsSpan(24000, AgentFrameSamples).ToArray();
        var chunk = Pcm16.ToBytes(speech.AsSpan(8000, MicrophoneChunkBytes / 2));
        _microphoneMessage = VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload
        {
            Data = Convert.ToBase64String(chunk),
            MimeType = AudioFormats.InputMimeType,
        }));
        Console.WriteLine($"// Framing: agent frame message {EncodeAgentFrame40ms24k().Length} bytes, microphone message {_microphoneMessage.Length} bytes");
    }

    /// <summary>One 40 ms 24 kHz frame (1920 bytes of PCM16) to a UTF-8 JSON frame, as the reply loop and the outbox do.</summary>
    [Benchmark]
    public byte[] EncodeAgentFrame40ms24k()
    {
        var data = Convert.ToBase64String(MemoryMarshal.AsBytes(_agentFrame.AsSpan()));
        return VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload { Data = data, MimeType = AudioFormats.OutputMimeType }));
    }

    /// <summary>One 8192-byte microphone chunk from its JSON frame to samples: parse, then base64 decode as the session's audio ingress does.</summary>
    [Benchmark]
    public short[] DecodeMicrophoneChunk8192Bytes()
    {
        var message = (AudioMessage)VoiceMessageCodec.Deserialize(_microphoneMessage);
        var base64 = message.Payload.Data!;
        var bytes = new byte[base64.Length / 4 * 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            throw new InvalidOperationException("The microphone chunk is not base64.");
        }

        var samples = new short[written / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, written);
        return samples;
    }
}
