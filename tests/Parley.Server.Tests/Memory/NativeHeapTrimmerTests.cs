using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Memory;

namespace Parley.Server.Tests.Memory;

/// <summary>The periodic hand-back of freed native memory: when it runs (on a fake clock), and that glibc's trim really gives pages back.</summary>
public sealed class NativeHeapTrimmerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Trims_once_per_interval_and_not_before()
    {
        var clock = new FakeTimeProvider();
        var trims = Channel.CreateUnbounded<TimeSpan>();
        var start = clock.GetUtcNow();
        using var trimmer = new NativeHeapTrimmer(new MemoryOptions { TrimInterval = Interval }, clock, NullLogger<NativeHeapTrimmer>.Instance,
            () => trims.Writer.TryWrite(clock.GetUtcNow() - start));
        await trimmer.StartAsync(CancellationToken.None);

        clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.False(trims.Reader.TryRead(out _));
        for (var i = 1; i <= 3; i++)
        {
            clock.Advance(i == 1 ? TimeSpan.FromSeconds(1) : Interval);
            Assert.Equal(Interval * i, await trims.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        await trimmer.StopAsync(CancellationToken.None);
        clock.Advance(Interval * 3);
        Assert.False(trims.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_zero_interval_never_trims()
    {
        var clock = new FakeTimeProvider();
        var trims = 0;
        using var trimmer = new NativeHeapTrimmer(new MemoryOptions { TrimInterval = TimeSpan.Zero }, clock, NullLogger<NativeHeapTrimmer>.Instance, () => ++trims > 0);
        await trimmer.StartAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        await trimmer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, trims);
    }

    [Fact]
    public async Task Stops_for_good_where_the_C_library_cannot_trim()
    {
        var clock = new FakeTimeProvider();
        var calls = 0;
        using var trimmer = new NativeHeapTrimmer(new MemoryOptions { TrimInterval = Interval }, clock, NullLogger<NativeHeapTrimmer>.Instance, () => ++calls < 0);
        await trimmer.StartAsync(CancellationToken.None);
        clock.Advance(Interval);
        await trimmer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(Interval * 5);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void A_negative_interval_is_refused_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MemoryOptions { TrimInterval = TimeSpan.FromSeconds(-1) }.Validate());
        Assert.Contains("Parley:Memory:TrimInterval", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public unsafe void Trimming_gives_freed_C_heap_pages_back_to_the_system()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "malloc_trim is glibc's");
        // 96 MiB in 4 KiB blocks (below glibc's mmap threshold, so they come from an arena), all freed but the last,
        // which keeps the arena's top in use: glibc keeps the freed pages for reuse, resident, until trimmed.
        const int BlockSize = 4096;
        const int Blocks = 96 * 256;
        var blocks = new nint[Blocks];
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = (nint)NativeMemory.Alloc(BlockSize);
            new Span<byte>((void*)blocks[i], BlockSize).Fill(1); // touched, so resident
        }

        for (var i = 0; i < Blocks - 1; i++)
        {
            NativeMemory.Free((void*)blocks[i]);
        }

        var before = ResidentKiB();
        Assert.True(Parley.Engines.Memory.NativeHeap.ReleaseFreedMemory());
        var after = ResidentKiB();
        NativeMemory.Free((void*)blocks[^1]);

        Assert.True(before - after > 64 * 1024, $"RSS {before} KiB before the trim, {after} KiB after: less than 64 MiB given back.");
    }

    private static long ResidentKiB()
        => long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
