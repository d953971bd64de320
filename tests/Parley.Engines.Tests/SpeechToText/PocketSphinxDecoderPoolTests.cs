using Parley.Engines.SpeechToText;

namespace Parley.Engines.Tests.SpeechToText;

public sealed class PocketSphinxDecoderPoolTests
{
    [Fact]
    public async Task Renting_the_last_idle_decoder_builds_a_spare_in_the_background_up_to_the_maximum()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MinDecoders = 1, MaxDecoders = 2 });
        var pool = recognizer.Pool;
        Assert.Equal(1, pool.Idle);

        using var first = await recognizer.OpenStreamAsync();
        await WaitUntilAsync(() => pool.Idle == 1);
        Assert.Equal(2, pool.Created);

        using var second = await recognizer.OpenStreamAsync();
        await Task.Delay(1500); // Time enough to build another, were it allowed.
        Assert.Equal(2, pool.Created);
        Assert.Equal(0, pool.Idle);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the spare decoder was not built");
            await Task.Delay(20);
        }
    }
}
