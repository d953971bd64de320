using Microsoft.Extensions.Time.Testing;
using Parley.Sessions.Listening;

namespace Parley.Sessions.Tests.Listening;

public sealed class AudioIngressTests
{
    private static string Base64Of(int samples) => Convert.ToBase64String(new byte[samples * 2]);

    [Fact]
    public void Chunks_are_decoded_to_samples()
    {
        var ingress = new AudioIngress(new VoiceSessionOptions(), new FakeTimeProvider(), 16000);
        var bytes = new byte[] { 0x01, 0x00, 0xFF, 0xFF };
        Assert.Equal(AudioChunkResult.Accepted, ingress.TryAccept(Convert.ToBase64String(bytes), out var samples));
        Assert.Equal([1, -1], samples);
    }

    [Theory]
    [InlineData("", (int)AudioChunkResult.NotBase64)]
    [InlineData("%%%", (int)AudioChunkResult.NotBase64)]
    [InlineData("AAEC", (int)AudioChunkResult.OddByteCount)]
    public void Bad_chunks_are_refused(string data, int expected)
        => Assert.Equal((AudioChunkResult)expected, new AudioIngress(new VoiceSessionOptions(), new FakeTimeProvider(), 16000).TryAccept(data, out _));

    [Fact]
    public void A_chunk_over_the_limit_is_too_large()
    {
        var ingress = new AudioIngress(new VoiceSessionOptions { MaxAudioChunkBytes = 1000 }, new FakeTimeProvider(), 16000);
        Assert.Equal(AudioChunkResult.Accepted, ingress.TryAccept(Base64Of(500), out _));
        Assert.Equal(AudioChunkResult.TooLarge, ingress.TryAccept(Base64Of(501), out _));
    }

    [Fact]
    public void Audio_may_run_ahead_of_the_clock_by_the_burst_allowance_and_no_more()
    {
        var time = new FakeTimeProvider();
        var ingress = new AudioIngress(new VoiceSessionOptions { AudioBurstAllowance = TimeSpan.FromSeconds(5), MaxAudioChunkBytes = 1 << 20 }, time, 16000);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(AudioChunkResult.Accepted, ingress.TryAccept(Base64Of(16000), out _));
        }

        Assert.Equal(AudioChunkResult.RateLimited, ingress.TryAccept(Base64Of(16000), out _));
        Assert.Equal(AudioChunkResult.RateLimited, ingress.TryAccept(Base64Of(16000), out _));
        Assert.Equal(2, ingress.RateStrikes);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AudioChunkResult.Accepted, ingress.TryAccept(Base64Of(16000), out _));
        Assert.Equal(0, ingress.RateStrikes);
    }
}
