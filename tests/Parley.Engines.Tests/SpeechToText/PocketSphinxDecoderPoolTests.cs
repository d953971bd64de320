using Parley.Engines.SpeechToText;

namespace Parley.Engines.Tests.SpeechToText;

public sealed class PocketSphinxDecoderPoolTests
{
    [Fact]
    public async Task Renting_the_last_idle_decoder_builds_a_spare_in_the_background_up_to_the_maximum()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = PocketSphinxMode.InProcess, MinDecoders = 1, MaxDecoders = 2 });
        var pool = recognizer.Pool;
        Assert.Equal(1, pool.Idle);

        using var first = await recognizer.OpenStreamAsync();
        await pool.Growth.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, pool.Idle);
        Assert.Equal(2, pool.Created);

        using var second = await recognizer.OpenStreamAsync();
        Assert.True(pool.Growth.IsCompleted, "no build may start at the maximum");
        Assert.Equal(2, pool.Created);
        Assert.Equal(0, pool.Idle);
    }

    [Fact]
    public async Task Disposing_waits_for_a_spare_being_built_and_frees_it()
    {
        // Issue 12, item 11: the spare was built by a fire-and-forget task that outlived the pool.
        var arguments = PocketSphinxArguments.Build(new PocketSphinxOptions());
        using var building = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        var builds = 0;
        var pool = new PocketSphinxDecoderPool(
            () =>
            {
                if (Interlocked.Increment(ref builds) == 2)
                {
                    building.Set();
                    finish.Wait(TimeSpan.FromSeconds(30));
                }

                return PocketSphinxDecoder.Create(arguments);
            },
            minDecoders: 1,
            maxDecoders: 2);

        var rented = await pool.RentAsync(CancellationToken.None);
        Assert.True(building.Wait(TimeSpan.FromSeconds(20)), "the spare was not started");

        var disposing = Task.Run(pool.Dispose);
        await Task.Delay(300);
        Assert.False(disposing.IsCompleted, "Dispose returned while the spare was still being built");

        finish.Set();
        await disposing.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(pool.Growth.IsCompletedSuccessfully);
        Assert.Equal(1, pool.Created); // The spare was freed; only the rented one lives.

        pool.Return(rented, healthy: true);
        Assert.Equal(0, pool.Created);
    }
}
