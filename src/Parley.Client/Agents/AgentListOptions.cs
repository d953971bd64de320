using Parley.Client.Paging;

namespace Parley.Client.Agents;

/// <summary>A page of agents (newest first), optionally only those whose name matches <see cref="Search"/>.</summary>
public sealed record AgentListOptions : ListOptions
{
    public string? Search { get; init; }

    internal override IEnumerable<KeyValuePair<string, string?>> ToQuery()
        => base.ToQuery().Append(new("search", Search));
}
