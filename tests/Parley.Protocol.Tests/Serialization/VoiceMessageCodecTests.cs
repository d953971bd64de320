using System.Text;
using System.Text.Json;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.Protocol.Tests.Serialization;

public sealed class VoiceMessageCodecTests
{
    [Fact]
    public void Reads_the_start_message_of_the_datagrid_sdk_with_every_field()
    {
        const string Json = """
            {"type":"start","payload":{"agent_id":"a1","conversation_id":"c1","voice_mode":"direct_agent",
             "config":{"system_prompt":"Be brief.","custom_prompt":"Say hi."},
             "voice_config":{"input_transcription":false,"output_transcription":true,"silent_start":true,"silence_timeout":true,
               "voice_preset":"kal","segment_max_duration_ms":180000,"silence_commit_ms":30000,"silence_discard_ratio":0.9},
             "initial_message":"hello","initial_context":"ctx","ephemeral":true,"knowledge_ids":["k1"],"file_ids":["f1"],
             "page_ids":["p1"],"secret_ids":["s1"],"user":{"email":"a@b.c","first_name":"Ada","last_name":"L"}}}
            """;
        var start = Assert.IsType<StartMessage>(Read(Json)).Payload;
        Assert.Equal("a1", start.AgentId);
        Assert.Equal("c1", start.ConversationId);
        Assert.Equal("direct_agent", start.VoiceMode);
        Assert.Equal("Be brief.", start.Config!.SystemPrompt);
        Assert.Equal("Say hi.", start.Config.CustomPrompt);
        Assert.False(start.VoiceConfig!.InputTranscription);
        Assert.True(start.VoiceConfig.SilentStart);
        Assert.True(start.VoiceConfig.SilenceTimeout);
        Assert.Equal("kal", start.VoiceConfig.VoicePreset);
        Assert.Equal(180000, start.VoiceConfig.SegmentMaxDurationMs);
        Assert.Equal(0.9, start.VoiceConfig.SilenceDiscardRatio);
        Assert.True(start.Ephemeral);
        Assert.Equal(["k1"], start.KnowledgeIds!);
        Assert.Equal("Ada", start.User!.FirstName);
    }

    [Theory]
    [InlineData("{\"type\":\"start\"}")]
    [InlineData("{\"type\":\"start\",\"payload\":null}")]
    [InlineData("{\"type\":\"start\",\"payload\":{}}")]
    public void A_start_without_payload_means_all_defaults(string json)
        => Assert.Equal(new StartPayload(), Assert.IsType<StartMessage>(Read(json)).Payload);

    [Fact]
    public void Payloadless_frames_are_written_without_a_payload_and_read_with_or_without_one()
    {
        Assert.Equal("{\"type\":\"ready\"}", Write(ReadyMessage.Instance));
        Assert.Equal("{\"type\":\"interrupted\"}", Write(InterruptedMessage.Instance));
        Assert.IsType<StopMessage>(Read("{\"type\":\"stop\"}"));
        Assert.IsType<InterruptMessage>(Read("{\"type\":\"interrupt\",\"payload\":{}}"));
    }

    [Fact]
    public void Server_messages_use_the_wire_names()
    {
        Assert.Equal(
            "{\"type\":\"started\",\"payload\":{\"session_id\":\"s\",\"conversation_id\":\"c\",\"message_id\":\"m\"}}",
            Write(new StartedMessage(new StartedPayload("s", "c", "m"))));
        Assert.Equal(
            "{\"type\":\"tool_call\",\"payload\":{\"tool_name\":\"calculator\",\"status\":\"completed\"}}",
            Write(new ToolCallMessage(new ToolCallPayload("calculator", ToolCallStatuses.Completed))));
        Assert.Equal(
            "{\"type\":\"error\",\"payload\":{\"message\":\"m\",\"code\":\"invalid_audio\"}}",
            Write(new ErrorMessage(new ErrorPayload("m", ErrorCodes.InvalidAudio))));
        Assert.Equal(
            "{\"type\":\"audio\",\"payload\":{\"data\":\"AAA=\",\"mime_type\":\"audio/pcm;rate=24000\"}}",
            Write(new AudioMessage(new AudioPayload { Data = "AAA=", MimeType = AudioFormats.OutputMimeType })));
    }

    [Fact]
    public void A_citation_carries_its_statement_as_citation_and_leaves_absent_fields_out()
    {
        var json = Write(new CitationMessage(new CitationPayload(
            [new Citation { Text = "Paris is in France.", Sources = [new CitationSource { SourceName = "atlas.pdf", Type = "file", Confirmations = ["p. 3"] }] }],
            1234)));
        using var document = JsonDocument.Parse(json);
        var citation = document.RootElement.GetProperty("payload").GetProperty("citations")[0];
        Assert.Equal("Paris is in France.", citation.GetProperty("citation").GetString());
        var source = citation.GetProperty("sources")[0];
        Assert.Equal("atlas.pdf", source.GetProperty("source_name").GetString());
        Assert.False(source.TryGetProperty("source_uri", out _));
        Assert.Equal(1234, document.RootElement.GetProperty("payload").GetProperty("timestamp_ms").GetInt64());
    }

    [Fact]
    public void Ended_transcript_items_are_exactly_role_and_text_strings()
    {
        var json = Write(new EndedMessage(new EndedPayload(0, [new TranscriptPayload(Roles.User, "hi"), new TranscriptPayload(Roles.Agent, "hello")])));
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.GetProperty("payload").GetProperty("transcript").EnumerateArray())
        {
            Assert.Equal(["role", "text"], item.EnumerateObject().Select(p => p.Name));
            Assert.All(item.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        }
    }

    [Fact]
    public void Every_message_round_trips()
    {
        VoiceMessage[] messages =
        [
            new StartMessage(new StartPayload { AgentId = "a", VoiceConfig = new VoiceConfig { SilentStart = true } }),
            new AudioMessage(new AudioPayload { Data = "AAE=" }),
            new TextMessage(new TextPayload { Text = "hi" }),
            InterruptMessage.Instance,
            StopMessage.Instance,
            new StartedMessage(new StartedPayload("s", "c", "m")),
            ReadyMessage.Instance,
            new TranscriptMessage(new TranscriptPayload(Roles.Agent, "hello")),
            new ToolCallMessage(new ToolCallPayload("t", ToolCallStatuses.Started)),
            InterruptedMessage.Instance,
            new ErrorMessage(new ErrorPayload("m", "c")),
            new EndedMessage(new EndedPayload(1.5, [new TranscriptPayload(Roles.User, "x")])),
        ];
        foreach (var message in messages)
        {
            var read = VoiceMessageCodec.Deserialize(VoiceMessageCodec.Serialize(message));
            Assert.Equal(message.Type, read.Type);
            Assert.Equal(Write(message), Write(read));
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("{\"type\":7}")]
    [InlineData("{\"type\":\"unknown\"}")]
    [InlineData("{\"type\":\"audio\"}")]
    [InlineData("{\"type\":\"audio\",\"payload\":[1]}")]
    [InlineData("{\"type\":\"text\",\"payload\":{\"text\":{}}}")]
    [InlineData("{\"type\":\"start\",\"payload\":{\"ephemeral\":\"yes\"}}")]
    [InlineData("{\"type\":\"start\",\"payload\":{\"voice_config\":{\"segment_max_duration_ms\":\"10\"}}}")]
    public void Malformed_frames_are_invalid_message(string json)
    {
        var error = Assert.Throws<VoiceProtocolException>(() => Read(json));
        Assert.Equal(ErrorCodes.InvalidMessage, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_frame_that_is_not_utf8_is_invalid_message_not_a_crash()
    {
        byte[] frame = [.. "{\"type\": \""u8, 0xC3, 0x28, .. "\"}"u8];
        var error = Assert.Throws<VoiceProtocolException>(() => VoiceMessageCodec.Deserialize(frame));
        Assert.Equal(ErrorCodes.InvalidMessage, error.Code);
    }

    [Fact]
    public void An_unknown_type_is_quoted_short_however_long_it_is()
    {
        var error = Assert.Throws<VoiceProtocolException>(() => VoiceMessageCodec.Deserialize(System.Text.Encoding.UTF8.GetBytes($"{{\"type\": \"{new string('x', 240_000)}\"}}")));
        Assert.InRange(error.Message.Length, 1, 100);
    }

    [Fact]
    public void Unknown_fields_are_ignored_so_newer_clients_keep_working()
        => Assert.Equal("hi", Assert.IsType<TextMessage>(Read("{\"type\":\"text\",\"payload\":{\"text\":\"hi\",\"lang\":\"en\"},\"id\":1}")).Payload.Text);

    private static VoiceMessage Read(string json) => VoiceMessageCodec.Deserialize(Encoding.UTF8.GetBytes(json));

    private static string Write(VoiceMessage message) => Encoding.UTF8.GetString(VoiceMessageCodec.Serialize(message));
}
