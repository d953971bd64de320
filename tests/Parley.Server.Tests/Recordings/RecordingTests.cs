using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Files;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Webhooks;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Recordings;

/// <summary>
/// A recorded session over the real socket and engines: each clip holds what was sent and played (within 40 ms of where
/// it lies on the session's clock), an interrupted reply is cut where it was interrupted, and the whole call is stereo.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class RecordingTests(ServerFixture server, ITestOutputHelper output)
{
    private const double ToleranceMs = 40;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task A_spoken_turn_and_an_interrupted_reply_are_recorded_as_sent_and_as_played()
    {
        // A server of its own, so it may tell a receiver on loopback where the session's clock starts
        // (`voice.session.started`'s `started_at`): no frame's arrival at the client is that reference under load.
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var recorded = await ConfiguredServerFixture.StartAsync(WebhookReceiver.ServerSettings);
        var key = await recorded.CreateKeyAsync($"rec-{Guid.NewGuid():N}");
        using (var hooks = recorded.Api(key))
        {
            receiver.Secret = (await hooks.PostAsync("v1/webhooks", $$"""{"url": "{{receiver.Url}}", "events": ["voice.session.started"]}"""))
                .AssertStatus(HttpStatusCode.Created).String("secret");
        }

        await using var client = await VoiceTestClient.ConnectAsync(recorded.VoiceUri(key));
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = (StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message;
        await client.WaitForAsync<ReadyMessage>();

        // A spoken question, streamed as a microphone would, and its answer played out.
        var sent = new List<short>();
        var question = (short[])[.. TestSpeech.Silence(TimeSpan.FromMilliseconds(600)), .. TestSpeech.Say("what time is it"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1.2))];
        var streamedAt = client.Now;
        var streamedAtUtc = DateTimeOffset.UtcNow; // the same moment on the wall clock the server's clock runs on
        await client.StreamAsync(question);
        sent.AddRange(question);
        await client.WaitForAgentToFinishAsync();
        var answerAudio = client.All.Where(f => f.Message is AudioMessage).ToList();

        // A long reply, interrupted by the client after a second of it.
        // Frames of the answer are still queued (waiting for it to finish read only its first): skip them.
        var askedAt = client.Now;
        await client.SendAsync(new TextMessage(new TextPayload { Text = "what can you do" }));
        var firstAudio = await client.WaitForAsync<AudioMessage>();
        while (firstAudio.At < askedAt)
        {
            firstAudio = await client.WaitForAsync<AudioMessage>();
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        var interruptSentAt = client.Now;
        await client.SendAsync(InterruptMessage.Instance);
        var interrupted = await client.WaitForAsync<InterruptedMessage>();
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        await recorded.WaitForNoSessionsAsync();

        // The session's clock, as the server keeps it, in the client's terms.
        var startedEvent = (await receiver.WaitForAsync(r => r.Any(d => d.Status == 200), what: "voice.session.started")).First(d => d.Status == 200).Json;
        Assert.Equal(started.Payload.SessionId, startedEvent.GetProperty("data").GetProperty("session_id").GetString());
        var sessionStart = streamedAt - (streamedAtUtc - startedEvent.GetProperty("data").GetProperty("started_at").GetDateTimeOffset());

        using var files = new FilesClient(recorded, key);
        var message = (await files.Api.GetAsync($"v1/conversations/{started.Payload.ConversationId}/messages/{started.Payload.MessageId}")).AssertStatus(HttpStatusCode.OK);
        var voice = message.Body.GetProperty("content")[0];
        var clips = voice.GetProperty("audio_clips").EnumerateArray().ToList();
        output.WriteLine(JsonSerializer.Serialize(voice.GetProperty("audio_clips"), Indented));
        Assert.Equal(clips.Count, voice.GetProperty("audio_clips_total").GetInt32());
        Assert.Equal(["user", "agent", "agent"], clips.Select(c => c.GetProperty("participant").GetProperty("type").GetString()));
        Assert.Equal(clips.Select(c => c.GetProperty("start_time_ms").GetInt64()).Order(), clips.Select(c => c.GetProperty("start_time_ms").GetInt64()));

        // The user's clip: exactly a run of what was sent, where it was sent on the session's clock.
        var user = clips[0];
        var userWav = await DownloadAsync(files, user);
        Assert.Equal((16_000, 1), (userWav.SampleRate, userWav.Channels));
        var at = CollectionsMarshal.AsSpan(sent).IndexOf(userWav.Samples);
        Assert.True(at >= 0, "the user's clip is not a run of the audio sent");
        Assert.InRange(userWav.DurationMs, user.GetProperty("duration_ms").GetInt64(), user.GetProperty("duration_ms").GetInt64() + 1);
        var expectedStart = (streamedAt - sessionStart).TotalMilliseconds + (at / 16.0);
        Assert.InRange(user.GetProperty("start_time_ms").GetInt64(), expectedStart - ToleranceMs, expectedStart + ToleranceMs);
        var speech = TestSpeech.Voiced(TestSpeech.Say("what time is it"));
        Assert.True(CollectionsMarshal.AsSpan(sent).IndexOf(speech) >= at && userWav.Samples.AsSpan().IndexOf(speech) >= 0, "the clip misses some of the words");

        // The answer's clip: all of the audio sent, played out, from when its first frame came.
        var answer = clips[1];
        var answerWav = await DownloadAsync(files, answer);
        var answerSent = Pcm(answerAudio);
        Assert.Equal((24_000, 1), (answerWav.SampleRate, answerWav.Channels));
        Assert.Equal(answerSent, answerWav.Samples);
        var answerStart = (answerAudio[0].At - sessionStart).TotalMilliseconds;
        Assert.InRange(answer.GetProperty("start_time_ms").GetInt64(), answerStart - ToleranceMs, answerStart + ToleranceMs);

        // The interrupted reply's clip: what had played when `interrupted` came, not what was sent ahead.
        var cut = clips[2];
        var cutWav = await DownloadAsync(files, cut);
        var cutSent = Pcm(client.All.Where(f => f.Message is AudioMessage && f.At >= firstAudio.At && f.At <= interrupted.At));
        // What had played is audio, not time: a reply whose next sentence came late ran dry in between (a loaded machine
        // once played 1,083 ms of audio in 1,642 ms). Played as it came here, the reply had played at least this much
        // by the time the interrupt was sent (the server plays from when it sends, no later than a frame comes here),
        // and no more than the time from the question to `interrupted`.
        var replyFrames = client.All.Where(f => f.Message is AudioMessage && f.At >= firstAudio.At).ToList();
        var playedAtLeastMs = PlayedMs(replyFrames, interruptSentAt);
        var playedAtMostMs = (interrupted.At - askedAt).TotalMilliseconds;
        output.WriteLine($"interrupted after {playedAtLeastMs:F0}-{playedAtMostMs:F0} ms of audio played: clip {cutWav.DurationMs:F0} ms of {cutSent.Length / 24.0:F0} ms sent");
        Assert.InRange(cutWav.DurationMs, playedAtLeastMs - ToleranceMs, playedAtMostMs + ToleranceMs);
        Assert.Equal(cutSent[..cutWav.Samples.Length], cutWav.Samples);
        Assert.True(cutWav.Samples.Length < cutSent.Length, "audio sent ahead of playing is in the clip");

        // The whole call: stereo, the user left and the agent right, each clip where it says it lies.
        var recording = voice.GetProperty("recording");
        var call = Wav.Parse((await files.ContentAsync(recording.GetProperty("id").GetString()!)).Bytes);
        Assert.Equal((24_000, 2), (call.SampleRate, call.Channels));
        Assert.InRange(recording.GetProperty("duration_ms").GetInt64(), call.DurationMs - 1, call.DurationMs + 1);
        var right = call.Channel(1);
        foreach (var (clip, wav) in new[] { (answer, answerWav), (cut, cutWav) })
        {
            var lies = right.AsSpan().IndexOf(wav.Samples) / 24.0;
            Assert.InRange(lies, clip.GetProperty("start_time_ms").GetInt64() - 1, clip.GetProperty("start_time_ms").GetInt64() + 1);
        }

        var left = call.Channel(0);
        var spoken = (int)(user.GetProperty("start_time_ms").GetInt64() * 24);
        Assert.True(Rms(left.AsSpan(spoken, userWav.Samples.Length * 3 / 2)) > 300, "the user's side is silent where they spoke");
        Assert.True(Rms(left.AsSpan(0, Math.Min(spoken, 24 * 400))) < 50, "the user's side holds sound before they spoke");
    }

    [Fact]
    public async Task An_agent_that_turns_recording_off_is_not_recorded()
    {
        var key = await server.CreateKeyAsync($"rec-{Guid.NewGuid():N}");
        using var api = server.Api(key);
        var agent = (await api.PostAsync("v1/agents", """{"name": "Private", "recording": false}""")).AssertStatus(HttpStatusCode.Created);
        Assert.False(agent.Body.GetProperty("recording").GetBoolean());

        var message = await TalkAsync(key, agent.Id);

        var voice = message.Body.GetProperty("content")[0];
        Assert.Empty(voice.GetProperty("audio_clips").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, voice.GetProperty("recording").ValueKind);
    }

    internal static async Task<Wav> DownloadAsync(FilesClient files, JsonElement clip)
    {
        var id = clip.GetProperty("id").GetString()!;
        Assert.EndsWith($"/v1/files/{id}/content", clip.GetProperty("audio_uri").GetString(), StringComparison.Ordinal);
        var content = await files.ContentAsync(id);
        Assert.Equal((HttpStatusCode.OK, "audio/wav"), (content.Status, content.MediaType));
        return Wav.Parse(content.Bytes);
    }

    /// <summary>A short text turn and its answer in a new session of <paramref name="agentId"/>; returns the stored message.</summary>
    internal async Task<ApiAnswer> TalkAsync(string key, string? agentId = null)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri(key));
        await client.SendAsync(new StartMessage(new StartPayload { AgentId = agentId, VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = (StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message;
        await client.WaitForAsync<ReadyMessage>();
        await client.StreamAsync([.. TestSpeech.Say("what time is it"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        await client.WaitForAgentToFinishAsync();
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        await server.WaitForNoSessionsAsync();
        return (await server.Api(key).GetAsync($"v1/conversations/{started.Payload.ConversationId}/messages/{started.Payload.MessageId}")).AssertStatus(HttpStatusCode.OK);
    }

    /// <summary>How much of <paramref name="frames"/>' audio had played by <paramref name="until"/>, each frame played as it came or after the one before, whichever is later.</summary>
    private static double PlayedMs(IEnumerable<ReceivedFrame> frames, TimeSpan until)
    {
        var playhead = TimeSpan.Zero;
        var played = TimeSpan.Zero;
        foreach (var frame in frames)
        {
            var begin = frame.At > playhead ? frame.At : playhead;
            if (begin >= until)
            {
                break;
            }

            playhead = begin + TimeSpan.FromMilliseconds(Pcm([frame]).Length / 24.0);
            played += (playhead < until ? playhead : until) - begin;
        }

        return played.TotalMilliseconds;
    }

    private static short[] Pcm(IEnumerable<ReceivedFrame> frames)
        => [.. frames.Select(f => f.Message).OfType<AudioMessage>().SelectMany(a => MemoryMarshal.Cast<byte, short>(Convert.FromBase64String(a.Payload.Data!)).ToArray())];

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }
}
