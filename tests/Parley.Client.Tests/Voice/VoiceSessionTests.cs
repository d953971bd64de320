using Parley.Client.Audio;
using Parley.Client.Tests.Infrastructure;
using Parley.Client.Voice;
using Parley.Client.Voice.Events;
using Parley.Protocol;
using Parley.Protocol.Payloads;
using Parley.Testing.Speech;

namespace Parley.Client.Tests.Voice;

[Collection(ServerCollection.Name)]
public sealed class VoiceSessionTests(ServerFixture fixture)
{
    private static readonly StartPayload Silent = new() { VoiceConfig = new VoiceConfig { SilentStart = true } };

    [Fact]
    public async Task A_spoken_question_is_heard_answered_and_spoken_back()
    {
        await using var session = await VoiceSession.ConnectAsync(fixture.Server.BaseAddress, LiveServer.ApiKey);
        await using var events = new EventLog(session);
        var started = await session.StartAsync(Silent);
        Assert.Equal(started.ConversationId, session.ConversationId);

        var question = TestSpeech.Say("what is twelve times seven");
        var chunks = Pcm16.ToBytes([.. question, .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        for (var offset = 0; offset < chunks.Length; offset += 8192)
        {
            await session.SendAudioAsync(chunks.AsMemory(offset, Math.Min(8192, chunks.Length - offset)));
            await Task.Delay(256);
        }

        var heard = await events.WaitForAsync<TranscriptEvent>(t => t.IsUser);
        Assert.Contains("twelve", heard.Text, StringComparison.Ordinal);
        await events.WaitForAsync<ToolCallEvent>(c => c is { ToolName: "calculator", Status: ToolCallStatuses.Completed });
        await events.WaitForAgentLineAsync("eighty-four");
        await events.WaitForAgentToFinishAsync();

        var ended = await session.StopAsync();
        Assert.Equal([Roles.User, Roles.Agent], ended.Transcript.Select(l => l.Role));
        await events.WaitForAsync<EndedEvent>();
        var all = events.All;
        Assert.IsType<StartedEvent>(all[0]);
        Assert.IsType<ReadyEvent>(all[1]);
        var last = Assert.IsType<EndedEvent>(all[^1]);
        Assert.Null(last.Error);
        Assert.True(Pcm16.Rms(all.OfType<AudioEvent>().SelectMany(a => a.Pcm.ToArray()).ToArray()) > 300);
        Assert.DoesNotContain(all, e => e is ReconnectingEvent);
    }

    [Fact]
    public async Task Text_turns_interrupts_and_stop_work_from_any_thread()
    {
        using var client = fixture.Server.Client();
        await using var session = await client.VoiceSessions.ConnectAsync(Silent);
        await using var events = new EventLog(session);
        await session.StartAsync();

        // Many threads at once: the one send loop keeps frames whole.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => session.SendAudioAsync(new byte[3200]).AsTask())));
        await session.SendTextAsync("what is three times three");
        await events.WaitForAgentLineAsync("nine");
        await session.InterruptAsync();
        await events.WaitForAsync<InterruptedEvent>();

        var ended = await session.StopAsync();
        Assert.Equal("what is three times three", ended.Transcript[0].Text);
        Assert.False(session.IsConnected);
        Assert.True(session.IsEnded);
        await Assert.ThrowsAsync<VoiceSessionException>(() => session.SendTextAsync("too late"));
        Assert.DoesNotContain(events.All, e => e is ErrorEvent or ReconnectingEvent);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_never_retried()
    {
        await using var session = await VoiceSession.ConnectAsync(fixture.Server.BaseAddress, "pk_wrong_key");
        await using var events = new EventLog(session);

        var error = await Assert.ThrowsAsync<VoiceSessionException>(() => session.StartAsync());

        Assert.True(error.IsUnauthorized);
        Assert.Equal(ErrorCodes.Unauthorized, error.Code);
        await Task.Delay(500);
        Assert.True(session.IsEnded);
        Assert.DoesNotContain(events.All, e => e is ReconnectingEvent);
    }

    [Fact]
    public async Task An_unknown_agent_is_refused_at_start()
    {
        await using var session = await VoiceSession.ConnectAsync(fixture.Server.BaseAddress, LiveServer.ApiKey);
        var error = await Assert.ThrowsAsync<VoiceSessionException>(() => session.StartAsync(new StartPayload { AgentId = "no-such-agent" }));
        Assert.True(error.IsNotFound);
    }

    [Fact]
    public async Task Audio_before_start_is_a_mistake()
    {
        await using var session = await VoiceSession.ConnectAsync(fixture.Server.BaseAddress, LiveServer.ApiKey);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendAudioAsync(new byte[2]).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => session.SendAudioAsync(new byte[3]).AsTask());
        var ended = await session.StopAsync();
        Assert.Empty(ended.Transcript);
    }
}
