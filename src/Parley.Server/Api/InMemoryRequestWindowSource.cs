namespace Parley.Server.Api;

/// <summary>Counters in this node's memory, for one node on its own.</summary>
internal sealed class InMemoryRequestWindowSource(TimeProvider time) : RequestWindowSource
{
    public override IRequestWindows Create(string name, TimeSpan window, int maxKeys) => new InMemoryRequestWindows(time, window, maxKeys);
}
