using Microsoft.Extensions.Time.Testing;
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

    [Fact]
    public async Task Decoders_beyond_the_minimum_unused_for_a_whole_period_are_freed_keeping_one_spare()
    {
        var clock = new FakeTimeProvider();
        var arguments = PocketSphinxArguments.Build(new PocketSphinxOptions());
        using var pool = new PocketSphinxDecoderPool(
            () => PocketSphinxDecoder.Create(arguments), minDecoders: 1, maxDecoders: 4, TimeSpan.FromMinutes(1), clock);

        // A burst of four streams grows the pool to four; then the burst is over.
        var rented = new List<PocketSphinxDecoder>();
        for (var i = 0; i < 4; i++)
        {
            rented.Add(await pool.RentAsync(CancellationToken.None));
            await pool.Growth.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(4, pool.Created);
        foreach (var decoder in rented)
        {
            pool.Return(decoder, healthy: true);
        }

        // All four were in use during this period: none is freed.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(4, pool.Created);
        Assert.Equal(4, pool.Idle);

        // One stream in the next period: at least three stayed idle the whole time; two are freed, one spare is kept
        // beside the one in use.
        var one = await pool.RentAsync(CancellationToken.None);
        pool.Return(one, healthy: true);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(4, pool.Created);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, pool.Created);
        Assert.Equal(2, pool.Idle);

        // A quiet period: down to the minimum, never below it.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, pool.Created);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, pool.Created);
        Assert.Equal(1, pool.Idle);

        // The pool still serves, growing again on demand.
        var again = await pool.RentAsync(CancellationToken.None);
        await pool.Growth.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, pool.Created);
        pool.Return(again, healthy: true);
    }

    [Fact]
    public async Task Without_an_idle_timeout_the_pool_keeps_every_decoder_it_built()
    {
        var clock = new FakeTimeProvider();
        var arguments = PocketSphinxArguments.Build(new PocketSphinxOptions());
        using var pool = new PocketSphinxDecoderPool(
            () => PocketSphinxDecoder.Create(arguments), minDecoders: 0, maxDecoders: 2, Timeout.InfiniteTimeSpan, clock);
        var rented = await pool.RentAsync(CancellationToken.None);
        await pool.Growth.WaitAsync(TimeSpan.FromSeconds(30));
        pool.Return(rented, healthy: true);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, pool.Created);
    }

    [Fact]
    public void A_recognizer_refuses_an_idle_timeout_that_is_not_positive()
    {
        var error = Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions { IdleDecoderTimeout = TimeSpan.Zero }));
        Assert.Contains("IdleDecoderTimeout", error.Message, StringComparison.Ordinal);
    }
}
