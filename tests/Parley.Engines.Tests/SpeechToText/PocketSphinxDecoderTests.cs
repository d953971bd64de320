using Parley.Engines.SpeechToText;

namespace Parley.Engines.Tests.SpeechToText;

public sealed class PocketSphinxDecoderTests
{
    [Fact]
    public async Task Freeing_a_decoder_takes_the_lock_that_guards_building_one()
    {
        // Issue 12, item 11: SphinxBase's reference counts are plain integers, so ps_free must not run beside ps_init.
        var decoder = PocketSphinxDecoder.Create(PocketSphinxArguments.Build(new PocketSphinxOptions()));
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var builder = new Thread(() =>
        {
            lock (PocketSphinxDecoder.LifecycleGate)
            {
                held.Set();
                release.Wait();
            }
        });
        builder.Start();
        held.Wait();

        var freeing = Task.Run(decoder.Dispose);
        await Task.Delay(300);
        Assert.False(freeing.IsCompleted, "the decoder was freed while a build held the lock");

        release.Set();
        await freeing.WaitAsync(TimeSpan.FromSeconds(10));
        builder.Join();
    }
}
