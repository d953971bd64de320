using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A plain HTTP client of the REST API that reads every answer as JSON, to test the wire shapes themselves.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress, string? apiKey = ServerFixture.ApiKey)
    {
        _http = new HttpClient { BaseAddress = baseAddress };
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public HttpRequestHeaders Headers => _http.DefaultRequestHeaders;

    public Task<ApiAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<ApiAnswer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<ApiAnswer> PostAsync(string path, string? json = "{}") => SendAsync(HttpMethod.Post, path, json);

    public Task<ApiAnswer> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    public Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? json)
        => SendContentAsync(method, path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Sends these exact bytes as a JSON body, valid UTF-8 or not.</summary>
    public Task<ApiAnswer> SendBytesAsync(HttpMethod method, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendContentAsync(method, path, content);
    }

    private async Task<ApiAnswer> SendContentAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative)) { Content = content };

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiAnswer(response.StatusCode, body, response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Follows a list forward from the start with <paramref name="limit"/> per page until a page comes back empty, as the SDK does.</summary>
    public async Task<List<JsonElement>> ListAllAsync(string path, int limit, string idField = "id")
    {
        var items = new List<JsonElement>();
        string? after = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var answer = await GetAsync($"{path}{separator}limit={limit}{(after is null ? string.Empty : $"&after={Uri.EscapeDataString(after)}")}");
            answer.AssertStatus(HttpStatusCode.OK);
            var data = answer.Body.GetProperty("data").EnumerateArray().ToList();
            if (data.Count == 0)
            {
                return items;
            }

            Assert.True(data.Count <= limit);
            items.AddRange(data);
            after = data[^1].GetProperty(idField).GetString();
        }

        throw new InvalidOperationException("The list never ended.");
    }

    public void Dispose() => _http.Dispose();
}
