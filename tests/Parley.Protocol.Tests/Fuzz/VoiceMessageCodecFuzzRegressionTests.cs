using System.Text;
using Parley.Protocol.Serialization;
using Parley.Testing.Fuzz;

namespace Parley.Protocol.Tests.Fuzz;

/// <summary>Each input the codec fuzz found a bug with, kept as a case of its own (see <see cref="VoiceMessageCodecFuzzTests"/>).</summary>
public sealed class VoiceMessageCodecFuzzRegressionTests
{
    [Fact]
    public void A_frame_that_is_not_json_gets_an_error_that_does_not_quote_the_rest_of_the_frame()
    {
        // Found by the mutated frames: the full start frame without its first two bytes ({"). The parser's message
        // quoted the bad literal, which ran to the end of the frame: 674 characters here, 256 KiB at most.
        var frame = VoiceFrameFuzz.Seeds[0][2..];
        var error = Assert.Throws<VoiceProtocolException>(() => VoiceMessageCodec.Deserialize(frame));
        Assert.Equal(ErrorCodes.InvalidMessage, error.Code);
        Assert.Equal("Frame is not valid JSON (line 1, byte 2).", error.Message);
    }

    [Theory]
    [InlineData("""{"type":"x\ud800","payload":"v"}""")] // Found by the generated frames: an InvalidOperationException escaped.
    [InlineData("""{"type":"text","payload":{"text":"\udc00"}}""")]
    [InlineData("""{"type":"start","payload":{"user":{"email":"a\ud800b"}}}""")]
    public void Text_holding_an_escaped_lone_surrogate_is_invalid_message(string frame)
    {
        var error = Assert.Throws<VoiceProtocolException>(() => VoiceMessageCodec.Deserialize(Encoding.UTF8.GetBytes(frame)));
        Assert.Equal(ErrorCodes.InvalidMessage, error.Code);
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"ended","payload":{"credits_consumed":1e309}}""")] // Found by the generated frames: read as infinity, then unwritable.
    [InlineData("""{"type":"start","payload":{"voice_config":{"silence_discard_ratio":-1e309}}}""")]
    public void A_number_past_the_range_of_double_is_invalid_message(string frame)
    {
        var error = Assert.Throws<VoiceProtocolException>(() => VoiceMessageCodec.Deserialize(Encoding.UTF8.GetBytes(frame)));
        Assert.Equal(ErrorCodes.InvalidMessage, error.Code);
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_of_the_wrong_shape_names_the_field_but_not_its_value()
    {
        var value = new string('v', 100_000);
        var frame = Encoding.UTF8.GetBytes("{\"type\":\"start\",\"payload\":{\"knowledge_ids\":\"" + value + "\"}}");
        var error = Assert.Throws<VoiceProtocolException>(() => VoiceMessageCodec.Deserialize(frame));
        Assert.Equal("Payload of \"start\" has the wrong shape at $.knowledge_ids.", error.Message);
    }
}
