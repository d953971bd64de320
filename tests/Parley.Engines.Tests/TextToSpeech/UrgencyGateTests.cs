using Parley.Engines.TextToSpeech;

namespace Parley.Engines.Tests.TextToSpeech;

public sealed class UrgencyGateTests
{
    [Fact]
    public async Task Urgent_waiters_go_first_then_the_others_each_in_arrival_order()
    {
        var gate = new UrgencyGate();
        var order = new List<string>();
        var holder = await gate.EnterAsync(urgent: false, CancellationToken.None);
        var waiting = new[]
        {
            Take(gate, "later 1", urgent: false, order),
            Take(gate, "later 2", urgent: false, order),
            Take(gate, "first 1", urgent: true, order),
            Take(gate, "first 2", urgent: true, order),
        };
        holder.Dispose();
        await Task.WhenAll(waiting);
        Assert.Equal(["first 1", "first 2", "later 1", "later 2"], order);
    }

    [Fact]
    public async Task Lets_in_as_many_as_its_capacity_and_hands_each_freed_place_to_the_next_urgent_waiter()
    {
        var gate = new UrgencyGate(capacity: 2);
        var first = await gate.EnterAsync(urgent: false, CancellationToken.None);
        var second = await gate.EnterAsync(urgent: false, CancellationToken.None);
        var later = gate.EnterAsync(urgent: false, CancellationToken.None).AsTask();
        var urgent = gate.EnterAsync(urgent: true, CancellationToken.None).AsTask();
        Assert.False(later.IsCompleted);
        Assert.False(urgent.IsCompleted);

        first.Dispose();
        var third = await urgent.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(later.IsCompleted);

        second.Dispose();
        using var fourth = await later.WaitAsync(TimeSpan.FromSeconds(5));
        third.Dispose();
        Assert.Throws<ArgumentOutOfRangeException>(() => new UrgencyGate(capacity: 0));
    }

    [Fact]
    public async Task A_waiter_that_gives_up_is_skipped()
    {
        var gate = new UrgencyGate();
        var holder = await gate.EnterAsync(urgent: true, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(urgent: true, giveUp.Token).AsTask();
        var next = gate.EnterAsync(urgent: false, CancellationToken.None).AsTask();
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        holder.Dispose();
        using var turn = await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static async Task Take(UrgencyGate gate, string name, bool urgent, List<string> order)
    {
        using var turn = await gate.EnterAsync(urgent, CancellationToken.None);
        lock (order)
        {
            order.Add(name);
        }
    }
}
