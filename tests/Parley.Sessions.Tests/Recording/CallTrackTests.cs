using Parley.Sessions.Recording;

namespace Parley.Sessions.Tests.Recording;

public sealed class CallTrackTests
{
    private readonly List<short> _written = [];

    [Fact]
    public async Task Both_sides_land_at_their_place_with_silence_between()
    {
        var track = NewTrack(window: 100);
        await track.PlaceAsync(CallTrack.Left, 2, new short[] { 1, 2, 3 });
        await track.PlaceAsync(CallTrack.Right, 4, new short[] { 7, 8 });
        await track.FlushAsync();

        Assert.Equal(new short[] { 0, 0, 0, 0, 1, 0, 2, 0, 3, 7, 0, 8 }, _written);
    }

    [Fact]
    public async Task Written_up_to_a_point_then_what_comes_later_goes_after_it()
    {
        var track = NewTrack(window: 100);
        await track.PlaceAsync(CallTrack.Left, 0, new short[] { 1, 2 });
        await track.WriteUntilAsync(3);
        await track.PlaceAsync(CallTrack.Right, 1, new short[] { 5, 6, 7 }); // 5 and 6 are too late: frames 1 and 2 are written
        await track.FlushAsync();

        Assert.Equal(new short[] { 1, 0, 2, 0, 0, 0, 0, 7 }, _written);
    }

    [Fact]
    public async Task A_full_window_writes_its_oldest_part_to_make_room()
    {
        var track = NewTrack(window: 4);
        await track.PlaceAsync(CallTrack.Left, 0, new short[] { 1, 2, 3 });
        await track.PlaceAsync(CallTrack.Left, 6, new short[] { 9 });

        Assert.Equal(3, track.Written);
        Assert.Equal(new short[] { 1, 0, 2, 0, 3, 0 }, _written);
        await track.FlushAsync();
        Assert.Equal(7, _written.Count / 2);
    }

    private CallTrack NewTrack(int window) => new(samples =>
    {
        _written.AddRange(samples.ToArray());
        return ValueTask.CompletedTask;
    }, window);
}
