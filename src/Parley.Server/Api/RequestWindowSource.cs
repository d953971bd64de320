namespace Parley.Server.Api;

/// <summary>Makes the counters of fixed windows: in this node's memory, or in the cluster's Redis.</summary>
internal abstract class RequestWindowSource
{
    /// <summary>Windows of length <paramref name="window"/>, named <paramref name="name"/> (their keys are apart from other counters').</summary>
    /// <param name="maxKeys">For counters in memory: most keys remembered at once (the oldest window is forgotten first).</param>
    public abstract IRequestWindows Create(string name, TimeSpan window, int maxKeys);
}
