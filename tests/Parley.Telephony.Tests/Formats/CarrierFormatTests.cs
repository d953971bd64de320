using System.Text;
using System.Text.Json;
using Parley.Telephony.Media;
using Parley.Telephony.Telnyx;
using Parley.Telephony.Twilio;

namespace Parley.Telephony.Tests.Formats;

/// <summary>Each carrier's events read from the examples it publishes, and the bridge's messages written in its shape.</summary>
public sealed class CarrierFormatTests
{
    [Fact]
    public void Twilio_start_names_the_stream_the_call_its_parameters_and_the_format()
    {
        var started = Assert.IsType<CarrierEvent.Started>(TwilioMediaFormat.Instance.Read(Utf8("""
            {"event": "start", "sequenceNumber": "1", "start": {"accountSid": "ACX", "streamSid": "MZ1", "callSid": "CA1", "tracks": ["inbound"],
             "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1}, "customParameters": {"parley_token": "st_1"}}, "streamSid": "MZ1"}
            """)));

        Assert.Equal(("MZ1", "CA1", "audio/x-mulaw", 8000, 1), (started.StreamId, started.CallId, started.Encoding, started.SampleRate, started.Channels));
        Assert.Equal("st_1", started.Parameters["parley_token"]);
    }

    [Fact]
    public void Twilio_media_marks_keys_and_stop_are_read()
    {
        var format = TwilioMediaFormat.Instance;
        var media = Assert.IsType<CarrierEvent.Media>(format.Read(Utf8("""{"event": "media", "sequenceNumber": "4", "media": {"track": "inbound", "chunk": "2", "timestamp": "5", "payload": "/w=="}, "streamSid": "MZ1"}""")));
        Assert.Equal([0xFF], media.Payload);
        Assert.Equal(2, media.Chunk);
        Assert.IsType<CarrierEvent.Other>(format.Read(Utf8("""{"event": "media", "media": {"track": "outbound", "payload": "/w=="}}""")));
        Assert.Equal("my label", Assert.IsType<CarrierEvent.Mark>(format.Read(Utf8("""{"event": "mark", "sequenceNumber": "4", "streamSid": "MZ1", "mark": {"name": "my label"}}"""))).Name);
        Assert.Equal("1", Assert.IsType<CarrierEvent.Dtmf>(format.Read(Utf8("""{"event": "dtmf", "streamSid": "MZ1", "sequenceNumber": "5", "dtmf": {"track": "inbound_track", "digit": "1"}}"""))).Digit);
        Assert.IsType<CarrierEvent.Stopped>(format.Read(Utf8("""{"event": "stop", "sequenceNumber": "5", "stop": {"accountSid": "ACX", "callSid": "CA1"}, "streamSid": "MZ1"}""")));
        Assert.IsType<CarrierEvent.Connected>(format.Read(Utf8("""{"event": "connected", "protocol": "Call", "version": "1.0.0"}""")));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"no": "event"}""")]
    [InlineData("""{"event": "media", "media": {"payload": "%%%"}}""")]
    public void Frames_that_are_not_the_carriers_are_invalid_not_thrown(string frame)
    {
        Assert.IsType<CarrierEvent.Invalid>(TwilioMediaFormat.Instance.Read(Utf8(frame)));
        Assert.IsType<CarrierEvent.Invalid>(TelnyxMediaFormat.Instance.Read(Utf8(frame)));
    }

    [Fact]
    public void Twilio_messages_are_addressed_to_the_stream()
    {
        var format = TwilioMediaFormat.Instance;
        Assert.Equal("""{"event":"media","streamSid":"MZ1","media":{"payload":"/w=="}}""", Encoding.UTF8.GetString(format.Media("MZ1", [0xFF])));
        Assert.Equal("""{"event":"mark","streamSid":"MZ1","mark":{"name":"m1"}}""", Encoding.UTF8.GetString(format.Mark("MZ1", "m1")));
        Assert.Equal("""{"event":"clear","streamSid":"MZ1"}""", Encoding.UTF8.GetString(format.Clear("MZ1")));
    }

    [Fact]
    public void Telnyx_start_and_events_are_read_in_its_snake_case()
    {
        var format = TelnyxMediaFormat.Instance;
        var started = Assert.IsType<CarrierEvent.Started>(format.Read(Utf8("""
            {"event": "start", "sequence_number": "1", "stream_id": "32DE0DEA", "start": {"user_id": "3E6F", "call_control_id": "v2:T02", "call_session_id": "ff55",
             "from": "+13122010094", "to": "+13122123456", "tags": ["TAG1"], "client_state": "aGF2ZQ==", "custom_parameters": {"customer_id": "customer_123"},
             "media_format": {"encoding": "PCMU", "sample_rate": 8000, "channels": 1}}}
            """)));
        Assert.Equal(("32DE0DEA", "v2:T02", "PCMU", 8000), (started.StreamId, started.CallId, started.Encoding, started.SampleRate));
        Assert.Equal("customer_123", started.Parameters["customer_id"]);
        Assert.Equal("tok", Assert.IsType<CarrierEvent.Connected>(format.Read(Utf8("""{"event": "connected", "version": "1.0.0", "connected": {"x-telnyx-streaming-auth-token": "tok"}}"""))).AuthToken);
        Assert.Equal(7, Assert.IsType<CarrierEvent.Media>(format.Read(Utf8("""{"event": "media", "sequence_number": "4", "media": {"track": "inbound", "chunk": "7", "timestamp": "5", "payload": "/w=="}, "stream_id": "32DE0DEA"}"""))).Chunk);
        Assert.Equal("#", Assert.IsType<CarrierEvent.Dtmf>(format.Read(Utf8("""{"event": "dtmf", "stream_id": "32DE0DEA", "dtmf": {"digit": "#"}}"""))).Digit);
        Assert.Equal("Connection timeout", Assert.IsType<CarrierEvent.Other>(format.Read(Utf8("""{"event": "error", "payload": {"code": 100003, "title": "malformed_frame", "detail": "Connection timeout"}}"""))).Detail);
        Assert.IsType<CarrierEvent.Stopped>(format.Read(Utf8("""{"event": "stop", "sequence_number": "9", "stream_id": "32DE0DEA", "stop": {"user_id": "3E6F", "call_control_id": "v2:T02"}}""")));
    }

    [Fact]
    public void Telnyx_messages_need_no_stream_id()
    {
        var format = TelnyxMediaFormat.Instance;
        Assert.Equal("""{"event":"media","media":{"payload":"/w=="}}""", Encoding.UTF8.GetString(format.Media("S", [0xFF])));
        Assert.Equal("""{"event":"mark","mark":{"name":"m1"}}""", Encoding.UTF8.GetString(format.Mark("S", "m1")));
        Assert.Equal("""{"event":"clear"}""", Encoding.UTF8.GetString(format.Clear("S")));
    }

    [Fact]
    public void Twiml_connects_the_stream_with_the_token_as_a_parameter_and_refuses_politely()
    {
        var twiml = TwilioTwiml.ConnectStream(new Uri("wss://parley.example/telephony/twilio/stream"), "st_abc");
        var stream = System.Xml.Linq.XDocument.Parse(twiml).Descendants("Stream").Single();
        Assert.Equal("Connect", stream.Parent!.Name.LocalName);
        Assert.Equal("wss://parley.example/telephony/twilio/stream", stream.Attribute("url")!.Value);
        Assert.Equal("st_abc", stream.Elements("Parameter").Single().Attribute("value")!.Value);
        Assert.Contains("<Hangup", TwilioTwiml.Refuse("No."), StringComparison.Ordinal);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
