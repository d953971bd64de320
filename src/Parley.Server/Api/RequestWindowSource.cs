namespace Parley.Server.Api;

/// <summary>Makes the counters of fixed windows: in this node's memory, or in the cluster's Redis.</summary>
internal abstract class RequestWindowSource
{
    /// <summary>Windows of one length, kept apart from other counters' by their name.</summary>
    /// <param name="name">What they count (<c>requests</c>, <c>failed-sign-ins</c>).</param>
    /// <param name="window">How long each window lasts from its key's first event.</param>
    /// <param name="maxKeys">For counters in memory: most keys remembered at once (the oldest window is forgotten first).</param>
    public abstract IRequestWindows Create(string name, TimeSpan window, int maxKeys);
}
