using Parley.Client.Http;
using Parley.Client.Paging;
using Parley.Client.Serialization;

namespace Parley.Client.Agents;

/// <summary><c>/v1/agents</c>: create, retrieve, update, list and delete agents.</summary>
public sealed class AgentsClient
{
    private const string Path = "v1/agents";
    private readonly ParleyHttp _http;

    internal AgentsClient(ParleyHttp http) => _http = http;

    /// <summary>Creates an agent; fields left null take the server's defaults.</summary>
    public Task<Agent> CreateAsync(AgentRequest request, CancellationToken cancellationToken = default)
        => _http.SendJsonAsync(HttpMethod.Post, Path, request, ClientJsonContext.Default.AgentRequest, ClientJsonContext.Default.Agent, cancellationToken);

    /// <summary>The agent with this id.</summary>
    /// <exception cref="Errors.ParleyNotFoundException">No such agent for this key.</exception>
    public Task<Agent> GetAsync(string id, CancellationToken cancellationToken = default)
        => _http.GetAsync($"{Path}/{QueryString.Segment(id)}", ClientJsonContext.Default.Agent, cancellationToken);

    /// <summary>Changes the fields that are not null in <paramref name="request"/>.</summary>
    public Task<Agent> UpdateAsync(string id, AgentRequest request, CancellationToken cancellationToken = default)
        => _http.SendJsonAsync(HttpMethod.Patch, $"{Path}/{QueryString.Segment(id)}", request, ClientJsonContext.Default.AgentRequest, ClientJsonContext.Default.Agent, cancellationToken);

    /// <summary>One page of agents, newest first.</summary>
    public Task<ListPage<Agent>> ListAsync(AgentListOptions? options = null, CancellationToken cancellationToken = default)
        => _http.GetAsync(QueryString.Append(Path, (options ?? new()).ToQuery()), ClientJsonContext.Default.ListPageAgent, cancellationToken);

    /// <summary>Every agent, fetching page after page as the enumeration goes on.</summary>
    public IAsyncEnumerable<Agent> ListAllAsync(AgentListOptions? options = null, CancellationToken cancellationToken = default)
        => Pager.EnumerateAsync(options, (page, ct) => ListAsync(page, ct), a => a.Id, cancellationToken);

    /// <summary>Deletes the agent.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
        => _http.DeleteAsync($"{Path}/{QueryString.Segment(id)}", cancellationToken);
}
