using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage.Conversations;
using Parley.Storage.Messages;
using Parley.Testing.Speech;

namespace Parley.Server.Tests.Voice;

/// <summary>Every bad input of PROTOCOL.md section 5: a clear error, the right close code, nothing lost, nothing leaked.</summary>
[Collection(ServerCollection.Name)]
public sealed class BadInputTests(ServerFixture server) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => server.WaitForNoSessionsAsync();

    [Theory]
    [InlineData("pk_not_a_real_key")]
    [InlineData("")]
    public async Task A_bad_or_missing_token_gets_unauthorized_then_close_1008(string token)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri(token.Length == 0 ? null : token));
        var error = await client.WaitForErrorAsync();
        Assert.Equal(ErrorCodes.Unauthorized, error.Code);
        Assert.Equal((WebSocketCloseStatus)1008, await client.WaitForCloseAsync());
        Assert.Single(client.All);
    }

    [Fact]
    public async Task A_bearer_header_is_accepted_in_place_of_the_query_token()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri(token: null), bearer: ServerFixture.ApiKey);
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
    }

    [Fact]
    public async Task Frames_before_start_get_session_not_started_and_the_session_goes_on()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAudioAsync(new short[1600]);
        Assert.Equal(ErrorCodes.SessionNotStarted, (await client.WaitForErrorAsync()).Code);
        await client.SendAsync(new TextMessage(new TextPayload { Text = "hello" }));
        Assert.Equal(ErrorCodes.SessionNotStarted, (await client.WaitForErrorAsync()).Code);
        await StartSilentlyAsync(client);
        await StopAsync(client);
        Assert.DoesNotContain(client.All.TakeWhile(f => f.Message is not StartedMessage), f => f.Message is not ErrorMessage);
    }

    [Fact]
    public async Task A_second_start_gets_already_started()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await StartSilentlyAsync(client);
        await client.SendAsync(new StartMessage(new StartPayload()));
        Assert.Equal(ErrorCodes.AlreadyStarted, (await client.WaitForErrorAsync()).Code);
        await StopAsync(client);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"payload\": {}}")]
    [InlineData("{\"type\": \"dance\"}")]
    [InlineData("{\"type\": \"started\", \"payload\": {\"session_id\": \"x\", \"conversation_id\": \"y\", \"message_id\": \"z\"}}")]
    [InlineData("{\"type\": \"audio\", \"payload\": \"not an object\"}")]
    [InlineData("{\"type\": \"text\", \"payload\": {\"text\": 42}}")]
    [InlineData("{\"type\": \"text\", \"payload\": {}}")]
    public async Task Malformed_frames_get_invalid_message_and_the_session_goes_on(string frame)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await StartSilentlyAsync(client);
        await client.SendRawAsync(frame);
        Assert.Equal(ErrorCodes.InvalidMessage, (await client.WaitForErrorAsync()).Code);
        await StopAsync(client);
    }

    [Fact]
    public async Task A_binary_frame_holding_json_is_read_like_text()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendRawAsync("{\"type\":\"start\",\"payload\":{\"voice_config\":{\"silent_start\":true}}}"u8.ToArray(), WebSocketMessageType.Binary);
        await client.WaitForAsync<ReadyMessage>();
        await StopAsync(client);
    }

    [Fact]
    public async Task A_binary_frame_that_is_not_utf8_gets_invalid_message_and_the_session_goes_on()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await StartSilentlyAsync(client);
        await client.SendRawAsync([.. "{\"type\": \"text\", \"payload\": {\"text\": \""u8, 0xC3, 0x28, 0xFF, .. "\"}}"u8], WebSocketMessageType.Binary);
        Assert.Equal(ErrorCodes.InvalidMessage, (await client.WaitForErrorAsync()).Code);
        await client.SendAsync(new TextMessage(new TextPayload { Text = "what time is it" }));
        await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User });
        await StopAsync(client);
    }

    [Fact]
    public async Task An_error_never_repeats_more_than_a_little_of_what_the_client_sent()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendRawAsync($"{{\"type\": \"{new string('x', 200_000)}\"}}");
        var error = await client.WaitForErrorAsync();
        Assert.Equal(ErrorCodes.InvalidMessage, error.Code);
        Assert.InRange(error.Message.Length, 1, 200);
        await StartSilentlyAsync(client);
        await StopAsync(client);
    }

    [Fact]
    public async Task A_start_naming_unknown_knowledge_files_or_secrets_is_refused_as_post_v1_voice_refuses_it()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { KnowledgeIds = ["knw_nowhere"], VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var error = await client.WaitForErrorAsync();
        Assert.Equal(ErrorCodes.InvalidMessage, error.Code);
        Assert.Contains("knw_nowhere", error.Message, StringComparison.Ordinal);
        await client.SendAsync(new StartMessage(new StartPayload { FileIds = ["file_nowhere"], VoiceConfig = new VoiceConfig { SilentStart = true } }));
        Assert.Contains("file_nowhere", (await client.WaitForErrorAsync()).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(client.All, f => f.Message is StartedMessage);
        await StartSilentlyAsync(client);
        await StopAsync(client);
    }

    [Theory]
    [InlineData("@@@ not base64 @@@", ErrorCodes.InvalidAudio)]
    [InlineData("AAEC", ErrorCodes.InvalidAudio)] // three bytes: an odd byte count
    public async Task Bad_audio_is_dropped_with_invalid_audio(string data, string code)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await StartSilentlyAsync(client);
        await client.SendAsync(new AudioMessage(new AudioPayload { Data = data }));
        Assert.Equal(code, (await client.WaitForErrorAsync()).Code);
        await StopAsync(client);
    }

    [Fact]
    public async Task An_oversized_chunk_gets_audio_too_large_and_a_giant_frame_is_dropped_unread()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await StartSilentlyAsync(client);
        await client.SendAudioAsync(new short[40_000]); // 80,000 bytes decoded: over 64 KiB.
        Assert.Equal(ErrorCodes.AudioTooLarge, (await client.WaitForErrorAsync()).Code);
        await client.SendRawAsync(new byte[1024 * 1024]); // 1 MiB frame: over the frame limit.
        Assert.Equal(ErrorCodes.AudioTooLarge, (await client.WaitForErrorAsync()).Code);
        await StopAsync(client);
    }

    [Fact]
    public async Task Audio_poured_faster_than_the_burst_allowance_is_refused()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await StartSilentlyAsync(client);
        var chunk = new short[16000]; // one second each, sent at once: the sixth or seventh runs over 5 s.
        for (var i = 0; i < 8; i++)
        {
            await client.SendAudioAsync(chunk);
        }

        Assert.Equal(ErrorCodes.RateLimited, (await client.WaitForErrorAsync()).Code);
        await StopAsync(client);
    }

    [Fact]
    public async Task An_unknown_agent_or_conversation_gets_its_error_and_close_1008()
    {
        await using (var client = await VoiceTestClient.ConnectAsync(server.VoiceUri()))
        {
            await client.SendAsync(new StartMessage(new StartPayload { AgentId = "no-such-agent" }));
            Assert.Equal(ErrorCodes.AgentNotFound, (await client.WaitForErrorAsync()).Code);
            Assert.Equal((WebSocketCloseStatus)1008, await client.WaitForCloseAsync());
            Assert.DoesNotContain(client.All, f => f.Message is StartedMessage or EndedMessage);
        }

        await using (var client = await VoiceTestClient.ConnectAsync(server.VoiceUri()))
        {
            await client.SendAsync(new StartMessage(new StartPayload { ConversationId = "no-such-conversation" }));
            Assert.Equal(ErrorCodes.ConversationNotFound, (await client.WaitForErrorAsync()).Code);
            Assert.Equal((WebSocketCloseStatus)1008, await client.WaitForCloseAsync());
        }
    }

    [Fact]
    public async Task An_unknown_voice_preset_is_a_clear_error_at_start()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { VoicePreset = "nebula" } }));
        var error = await client.WaitForErrorAsync();
        Assert.Equal(ErrorCodes.InvalidMessage, error.Code);
        Assert.Contains("slt", error.Message, StringComparison.Ordinal);
        Assert.Contains("sage", error.Message, StringComparison.Ordinal);
        await StartSilentlyAsync(client);
        await StopAsync(client);
    }

    [Fact]
    public async Task A_client_that_vanishes_mid_sentence_loses_nothing_it_said_and_leaks_no_session()
    {
        string messageId;
        await using (var client = await VoiceTestClient.ConnectAsync(server.VoiceUri()))
        {
            messageId = (await StartSilentlyAsync(client)).MessageId;
            var speech = TestSpeech.Say("please remember the number forty two and then");
            await client.StreamAsync(speech[..(speech.Length * 3 / 4)]);
            client.Vanish();
        }

        await server.WaitForNoSessionsAsync();
        var events = await server.Services.GetRequiredService<MessageStore>().ListEventsAsync(messageId);
        var said = Assert.Single(events, e => e.Type == TimelineEventTypes.Transcript && e.Role == Roles.User);
        Assert.Contains("forty", said.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_closes_without_stop_ends_the_session_the_same_way()
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        var started = await StartSilentlyAsync(client);
        await client.SendAsync(new TextMessage(new TextPayload { Text = "hello" }));
        await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "answer");
        await client.DisposeAsync();
        await server.WaitForNoSessionsAsync();
        var events = await server.Services.GetRequiredService<MessageStore>().ListEventsAsync(started.MessageId);
        Assert.Contains(events, e => e is { Role: Roles.User, Text: "hello" });
    }

    private static async Task<StartedPayload> StartSilentlyAsync(VoiceTestClient client)
    {
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = (StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message;
        await client.WaitForAsync<ReadyMessage>();
        return started.Payload;
    }

    private static async Task StopAsync(VoiceTestClient client)
    {
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await client.WaitForCloseAsync());
    }
}
