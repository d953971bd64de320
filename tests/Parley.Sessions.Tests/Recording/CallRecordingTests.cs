using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Sessions.Recording;
using Parley.Sessions.Tests.Core;
using Parley.Sessions.Tests.Timelines;
using Parley.Storage.Files;

namespace Parley.Sessions.Tests.Recording;

/// <summary>A real session on scripted engines and a fake clock, recorded into a real database and folder.</summary>
public sealed class CallRecordingTests(TimelineStorage storage) : IClassFixture<TimelineStorage>
{
    private const int Chunk = 4096; // 256 ms at 16 kHz

    private readonly List<short> _sent = [];

    [Fact]
    public async Task Each_utterance_is_a_clip_of_exactly_the_audio_heard_pre_roll_included_on_one_clock()
    {
        await using var session = Harness(heard: ["what time is it", "tell me a story please"]);
        var messageId = await StartAsync(session);
        await SpeakAsync(session, silent: 4, loud: 4, seed: 10);
        await SpeakAsync(session, silent: 16, loud: 0, seed: 20); // the agent answers meanwhile
        await SpeakAsync(session, silent: 0, loud: 5, seed: 30);
        await SpeakAsync(session, silent: 16, loud: 0, seed: 40);
        session.Send(StopMessage.Instance);
        await session.WaitForEndAsync();

        var clips = (await storage.Files.ListClipsAsync([messageId], 100))[messageId].Clips;
        var user = clips.Where(c => c.ParticipantType == "user").ToList();
        Assert.Equal(2, user.Count);
        Assert.All(user, c => Assert.Equal("harness-key", c.ParticipantId));
        var offsets = new List<double>();
        foreach (var clip in user)
        {
            var samples = await SamplesAsync(clip.FileId);
            var at = IndexOf(_sent, samples);
            Assert.True(at >= 0, "the clip is not a run of the audio sent");
            Assert.Equal(samples.Length * 1000 / 16_000, clip.DurationMs);
            // Pre-roll included: the clip starts up to 320 ms before the first loud chunk.
            offsets.Add(clip.StartTimeMs - (at / 16.0));
        }

        // Both clips lie on one clock: each starts where its audio lies in the stream sent.
        Assert.InRange(offsets[1] - offsets[0], -1, 1);
        Assert.Contains(clips, c => c.ParticipantType == "agent");
    }

    [Fact]
    public async Task A_first_chunk_that_came_late_does_not_move_the_user_clip_off_where_it_was_spoken()
    {
        const int silentChunks = 4; // the track moves back before the user speaks
        var started = new StartedSessions();
        await using var session = Harness(heard: ["what time is it"], observers: [started]);
        var messageId = await StartAsync(session);

        // The microphone starts now; its first chunk (full 256 ms later) reaches the server 200 ms late, the rest on time.
        var microphoneStart = session.Clock.Time.GetUtcNow().ToUnixTimeMilliseconds();
        await session.Clock.AdvanceAsync(TimeSpan.FromMilliseconds(256));
        await SpeakAsync(session, silent: silentChunks, loud: 4, seed: 80, firstLateMs: 200);
        await SpeakAsync(session, silent: 16, loud: 0, seed: 90);
        session.Send(StopMessage.Instance);
        await session.WaitForEndAsync();

        // Where the session's clock starts, as the session tells its observers (the clock moved while `started` was
        // awaited, so no frame's arrival is a reference).
        var sessionStart = (await started.First.WaitAsync(TimeSpan.FromSeconds(10))).StartedAt.ToUnixTimeMilliseconds();
        var clips = (await storage.Files.ListClipsAsync([messageId], 100))[messageId].Clips;
        var user = clips.Single(c => c.ParticipantType == "user");
        var at = IndexOf(_sent, await SamplesAsync(user.FileId));
        Assert.True(at >= 0, "the clip is not a run of the audio sent");
        // Within the 40 ms the recordings promise; the 200 ms the first chunk came late are not in it.
        var spokenAt = microphoneStart - sessionStart + (at / 16.0);
        Assert.InRange(user.StartTimeMs, spokenAt - 40, spokenAt + 40);
        Assert.Contains(clips, c => c.ParticipantType == "agent");
    }

    [Fact]
    public async Task Audio_the_client_held_until_started_is_recorded_from_the_sessions_start_on_never_before_it()
    {
        // A client that held the microphone's audio until `started` (the console does) sends it all at once: by the
        // capture clock it was recorded before the session began, which no clip can start before.
        await using var session = Harness(heard: ["what time is it"]);
        var messageId = await StartAsync(session);
        await BurstAsync(session, silent: 3, loud: 4, seed: 100);
        await SpeakAsync(session, silent: 16, loud: 0, seed: 110);
        session.Send(StopMessage.Instance);
        await session.WaitForEndAsync();

        var user = (await storage.Files.ListClipsAsync([messageId], 100))[messageId].Clips.Single(c => c.ParticipantType == "user");
        var samples = await SamplesAsync(user.FileId);
        var at = IndexOf(_sent, samples);
        Assert.True(at >= 0, "the clip is not a run of the audio sent");
        Assert.True(at + samples.Length >= 7 * Chunk, "the clip misses some of the held speech");
        // The held audio lies from 0 on, in order: the clip starts where its first sample lies in it.
        Assert.InRange(user.StartTimeMs, (at / 16.0) - 1, (at / 16.0) + 1);
    }

    [Fact]
    public async Task An_interrupted_reply_is_kept_up_to_where_it_played_and_the_call_holds_both_sides()
    {
        var started = new StartedSessions();
        await using var session = Harness(heard: ["tell me a story please"], new LongSpeech(), observers: [started]);
        var messageId = await StartAsync(session);
        session.Send(new TextMessage(new TextPayload { Text = "tell me a story please" }));
        await session.WaitForAsync(m => m is AudioMessage, "the reply's first audio");
        await session.Clock.AdvanceAsync(TimeSpan.FromMilliseconds(32));
        session.Send(InterruptMessage.Instance);
        await session.WaitForAsync(m => m is InterruptedMessage, "interrupted");
        await SpeakAsync(session, silent: 2, loud: 0, seed: 50);
        session.Send(StopMessage.Instance);
        await session.WaitForEndAsync();

        var wire = session.Connection.Sent;
        var firstAudio = wire.First(f => f.Message is AudioMessage).AtClockMs!.Value;
        var interrupted = wire.First(f => f.Message is InterruptedMessage).AtClockMs!.Value;
        var sentAudio = wire.TakeWhile(f => f.Message is not InterruptedMessage).Where(f => f.Message is AudioMessage)
            .SelectMany(f => Pcm(((AudioMessage)f.Message).Payload.Data!)).ToArray();

        var agent = (await storage.Files.ListClipsAsync([messageId], 100))[messageId].Clips.Single(c => c.ParticipantType == "agent");
        var played = await SamplesAsync(agent.FileId);
        Assert.Equal(sentAudio[..played.Length], played);
        // Played from where the clip starts on the session's clock (when the first frame was released) to `interrupted`:
        // the first frame's write to the connection is no reference, as the harness moves the clock while the outbox
        // writes (under load it was written 64 ms after its release, and the clip looked 64 ms too long).
        var sessionStart = (await started.First.WaitAsync(TimeSpan.FromSeconds(10))).StartedAt.ToUnixTimeMilliseconds();
        var playing = interrupted - (sessionStart + agent.StartTimeMs);
        Assert.InRange(agent.StartTimeMs + sessionStart, firstAudio - 1000, firstAudio);
        Assert.True(playing < sentAudio.Length / 24.0, $"the reply ({sentAudio.Length / 24.0} ms sent) had played out before the interruption ({playing} ms)");
        Assert.True(played.Length < sentAudio.Length, $"the audio sent ahead of playing, and cut off, is in the clip ({played.Length} of {sentAudio.Length} samples, {playing} ms played)");
        Assert.InRange(agent.DurationMs, playing - 40, playing + 40);

        // The whole call: the agent's clip lies on the right channel where the clip says it starts.
        var call = (await storage.Files.FindCallRecordingsAsync([messageId]))[messageId];
        Assert.Equal((2, 24_000), (call.PcmChannels, call.PcmSampleRate));
        var stereo = await SamplesAsync(call.Id);
        var right = Enumerable.Range(0, stereo.Length / 2).Select(i => stereo[(2 * i) + 1]).ToArray();
        var at = IndexOf([.. right], played);
        Assert.InRange(at / 24.0, agent.StartTimeMs - 1, agent.StartTimeMs + 1);
        Assert.Equal(call.SizeBytes, WavHeader.Length + (stereo.Length * 2));
    }

    [Fact]
    public async Task Nothing_is_recorded_for_an_ephemeral_session()
    {
        await using var session = Harness(heard: ["what time is it"]);
        session.Send(new StartMessage(new StartPayload { Ephemeral = true, VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = (StartedMessage)await session.WaitForAsync(m => m is StartedMessage, "started");
        await SpeakAsync(session, silent: 2, loud: 4, seed: 60);
        await SpeakAsync(session, silent: 8, loud: 0, seed: 70);
        session.Send(StopMessage.Instance);
        await session.WaitForEndAsync();

        Assert.Empty(await storage.Files.ListClipsAsync([started.Payload.MessageId], 100));
        Assert.Empty(await storage.Files.FindCallRecordingsAsync([started.Payload.MessageId]));
    }

    private SessionHarness Harness(
        IReadOnlyList<string> heard, Parley.Engines.TextToSpeech.ISpeechSynthesizer? synthesizer = null, IReadOnlyList<Parley.Sessions.Lifecycle.ISessionObserver>? observers = null)
    {
        var session = new SessionHarness(
            storage, heard, recordings: new SessionRecordings(storage.Files, storage.Content, new RecordingOptions()), synthesizer: synthesizer, observers: observers);
        session.Connection.ClockMs = () => session.Clock.Time.GetUtcNow().ToUnixTimeMilliseconds();
        return session;
    }

    private static async Task<string> StartAsync(SessionHarness session)
    {
        session.Send(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = (StartedMessage)await session.WaitForAsync(m => m is StartedMessage, "started");
        await session.WaitForAsync(m => m is ReadyMessage, "ready");
        return started.Payload.MessageId;
    }

    /// <summary>Sends quiet then loud chunks of noise (each chunk different), 256 ms each in its own time (the first <paramref name="firstLateMs"/> late), remembering every sample sent.</summary>
    private async Task SpeakAsync(SessionHarness session, int silent, int loud, int seed, int firstLateMs = 0)
    {
        var random = new Random(seed);
        await session.Clock.AdvanceAsync(TimeSpan.FromMilliseconds(firstLateMs));
        for (var i = 0; i < silent + loud; i++)
        {
            // The chunk arrives at this moment of the clock: the clock moves on once the session has taken it.
            await SendNoiseChunkAsync(session, random, loud: i >= silent);
            await session.Clock.AdvanceAsync(TimeSpan.FromMilliseconds(i == 0 ? 256 - firstLateMs : 256));
        }
    }

    /// <summary>Sends quiet then loud chunks of noise all at once, at one moment of the clock, remembering every sample sent.</summary>
    private async Task BurstAsync(SessionHarness session, int silent, int loud, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < silent + loud; i++)
        {
            await SendNoiseChunkAsync(session, random, loud: i >= silent);
        }
    }

    /// <summary>Sends one chunk of quiet or loud noise, remembering its samples, and waits until the session has taken it.</summary>
    private async Task SendNoiseChunkAsync(SessionHarness session, Random random, bool loud)
    {
        var amplitude = loud ? 12_000 : 150;
        var samples = Enumerable.Range(0, Chunk).Select(_ => (short)random.Next(-amplitude, amplitude + 1)).ToArray();
        _sent.AddRange(samples);
        var reads = session.Connection.Reads;
        Assert.True(session.Connection.Write(VoiceMessageCodec.Serialize(new AudioMessage(new AudioPayload
        {
            Data = Convert.ToBase64String(MemoryMarshal.AsBytes(samples.AsSpan())), MimeType = AudioFormats.InputMimeType,
        }))));
        for (var waited = 0; session.Connection.Reads <= reads; waited++)
        {
            Assert.True(waited < 5000, "the session did not take the chunk");
            await Task.Delay(1);
        }
    }

    private async Task<short[]> SamplesAsync(string fileId)
    {
        await using var stream = await storage.Content.OpenReadAsync(fileId);
        Assert.NotNull(stream);
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return Pcm(bytes.ToArray());
    }

    /// <summary>Speaks every piece as a second of a tone that changes over time, so any run of it is found in one place only.</summary>
    private sealed class LongSpeech : Parley.Engines.TextToSpeech.ISpeechSynthesizer
    {
        public string Name => "long";

        public Parley.Engines.TextToSpeech.SynthesizerCapabilities Capabilities { get; } = new(StreamingOutput: false, WordTimings: false, SampleRate: 16_000, Remote: false);

        public IReadOnlyList<string> Voices { get; } = ["plain"];

        public string DefaultVoice => "plain";

        public async IAsyncEnumerable<Parley.Engines.TextToSpeech.SpeechChunk> SynthesizeAsync(
            Parley.Engines.TextToSpeech.SynthesisRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            var samples = Enumerable.Range(0, 16_000).Select(i => (short)(3000 * Math.Sin(i * (0.01 + (i * 0.000002))))).ToArray();
            yield return new Parley.Engines.TextToSpeech.SpeechChunk(samples, 16_000);
        }
    }

    private static short[] Pcm(string base64) => Pcm(Convert.FromBase64String(base64));

    private static short[] Pcm(byte[] bytes)
    {
        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i));
        }

        return samples;
    }

    private static int IndexOf(List<short> haystack, short[] needle)
    {
        var span = CollectionsMarshal.AsSpan(haystack);
        return needle.Length == 0 ? -1 : span.IndexOf(needle);
    }
}
