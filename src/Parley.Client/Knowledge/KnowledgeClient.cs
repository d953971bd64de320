using System.Net.Http.Headers;
using Parley.Client.Http;
using Parley.Client.Paging;
using Parley.Client.Serialization;

namespace Parley.Client.Knowledge;

/// <summary><c>/v1/knowledge</c>: create from uploaded files, retrieve, rename, list and delete.</summary>
public sealed class KnowledgeClient
{
    private const string Path = "v1/knowledge";
    private readonly ParleyHttp _http;

    internal KnowledgeClient(ParleyHttp http) => _http = http;

    /// <summary>Uploads files as a new knowledge; it starts <c>pending</c> and is ingested in the background.</summary>
    public Task<KnowledgeBase> CreateAsync(IEnumerable<KnowledgeFile> files, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var part = new StreamContent(file.Content);
            if (file.ContentType is not null)
            {
                part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            }

            form.Add(part, "files[]", file.FileName);
        }

        if (name is not null)
        {
            form.Add(new StringContent(name), "name");
        }

        return _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, Path) { Content = form }, ClientJsonContext.Default.KnowledgeBase, cancellationToken);
    }

    /// <summary>The knowledge with this id, with its ingestion status.</summary>
    public Task<KnowledgeBase> GetAsync(string id, CancellationToken cancellationToken = default)
        => _http.GetAsync($"{Path}/{QueryString.Segment(id)}", ClientJsonContext.Default.KnowledgeBase, cancellationToken);

    /// <summary>Renames the knowledge.</summary>
    public Task<KnowledgeBase> RenameAsync(string id, string name, CancellationToken cancellationToken = default)
        => _http.SendJsonAsync(HttpMethod.Patch, $"{Path}/{QueryString.Segment(id)}", new KnowledgeRename(name), ClientJsonContext.Default.KnowledgeRename, ClientJsonContext.Default.KnowledgeBase, cancellationToken);

    /// <summary>One page of knowledge, newest first.</summary>
    public Task<ListPage<KnowledgeBase>> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default)
        => _http.GetAsync(QueryString.Append(Path, (options ?? new()).ToQuery()), ClientJsonContext.Default.ListPageKnowledgeBase, cancellationToken);

    /// <summary>Every knowledge, fetching page after page as the enumeration goes on.</summary>
    public IAsyncEnumerable<KnowledgeBase> ListAllAsync(ListOptions? options = null, CancellationToken cancellationToken = default)
        => Pager.EnumerateAsync(options, (page, ct) => ListAsync(page, ct), k => k.Id, cancellationToken);

    /// <summary>Deletes the knowledge and its index.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
        => _http.DeleteAsync($"{Path}/{QueryString.Segment(id)}", cancellationToken);

    /// <summary>Polls until ingestion has finished (<c>ready</c> or <c>failed</c>) and returns the knowledge then.</summary>
    public async Task<KnowledgeBase> WaitUntilSettledAsync(string id, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var knowledge = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (knowledge.IsSettled)
            {
                return knowledge;
            }

            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }
}
