using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Files;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;

namespace Parley.Server.Tests.Recordings;

/// <summary>Recordings are deleted once past <c>Parley:Recordings:Retention</c>, and not made at all when recording is off.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Recordings_past_their_retention_are_deleted_by_the_sweeper_and_the_message_stays()
    {
        await using var server = await ConfiguredServerFixture.StartAsync("--Parley:Recordings:Retention", "7.00:00:00");
        var message = await SessionAsync(server);
        var voice = message.Body.GetProperty("content")[0];
        var ids = voice.GetProperty("audio_clips").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Append(voice.GetProperty("recording").GetProperty("id").GetString()!).ToList();
        Assert.True(ids.Count >= 3, "a user clip, an agent clip and the call");
        using var files = new FilesClient(server);
        await server.Services.GetRequiredService<FileSweeper>().SweepAsync();
        await AssertAllAsync(files, ids, HttpStatusCode.OK);

        // The server's own sweeper, on a clock moved to just before and then just past the week the recordings are kept.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var sweeper = ActivatorUtilities.CreateInstance<FileSweeper>(server.Services, (TimeProvider)clock);
        Assert.Equal(0, await sweeper.SweepAsync());
        await AssertAllAsync(files, ids, HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(ids.Count, await sweeper.SweepAsync());
        await AssertAllAsync(files, ids, HttpStatusCode.NotFound);

        var after = (await server.Api().GetAsync($"v1/conversations/{message.String("conversation_id")}/messages/{message.Id}")).AssertStatus(HttpStatusCode.OK);
        var kept = after.Body.GetProperty("content")[0];
        Assert.Empty(kept.GetProperty("audio_clips").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, kept.GetProperty("recording").ValueKind);
        Assert.NotEmpty(kept.GetProperty("timeline_events").EnumerateArray());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "files"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task With_recording_off_for_the_server_nothing_is_recorded()
    {
        await using var server = await ConfiguredServerFixture.StartAsync("--Parley:Recordings:Enabled", "false");
        var voice = (await SessionAsync(server)).Body.GetProperty("content")[0];
        Assert.Empty(voice.GetProperty("audio_clips").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, voice.GetProperty("recording").ValueKind);
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "files")) && Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "files"), "*", SearchOption.AllDirectories).Any());
    }

    private static async Task AssertAllAsync(FilesClient files, IReadOnlyList<string> ids, HttpStatusCode status)
    {
        foreach (var id in ids)
        {
            Assert.Equal((id, status), (id, (await files.ContentAsync(id)).Status));
        }
    }

    private static async Task<ApiAnswer> SessionAsync(ServerFixture server)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = (StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message;
        await client.WaitForAsync<ReadyMessage>();
        await client.StreamAsync([.. TestSpeech.Say("what time is it"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        await client.WaitForAgentToFinishAsync();
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        await server.WaitForNoSessionsAsync();
        return (await server.Api().GetAsync($"v1/conversations/{started.Payload.ConversationId}/messages/{started.Payload.MessageId}")).AssertStatus(HttpStatusCode.OK);
    }
}
