using Parley.Client.Http;
using Parley.Client.Paging;
using Parley.Client.Serialization;

namespace Parley.Client.Tools;

/// <summary><c>/v1/tools</c>: the tools an agent can be given (the cursor is the name).</summary>
public sealed class ToolsClient
{
    private const string Path = "v1/tools";
    private readonly ParleyHttp _http;

    internal ToolsClient(ParleyHttp http) => _http = http;

    /// <summary>One page of tools, by name.</summary>
    public Task<ListPage<ToolInfo>> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default)
        => _http.GetAsync(QueryString.Append(Path, (options ?? new()).ToQuery()), ClientJsonContext.Default.ListPageToolInfo, cancellationToken);

    /// <summary>Every tool.</summary>
    public IAsyncEnumerable<ToolInfo> ListAllAsync(ListOptions? options = null, CancellationToken cancellationToken = default)
        => Pager.EnumerateAsync(options, (page, ct) => ListAsync(page, ct), t => t.Name, cancellationToken);

    /// <summary>The tool with this name.</summary>
    public Task<ToolInfo> GetAsync(string name, CancellationToken cancellationToken = default)
        => _http.GetAsync($"{Path}/{QueryString.Segment(name)}", ClientJsonContext.Default.ToolInfo, cancellationToken);
}
