using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Parley.Server.Tests.Knowledge;

/// <summary>Multipart uploads to <c>/v1/knowledge</c> as the SDK sends them, and waiting for ingestion.</summary>
public sealed class KnowledgeClient : IDisposable
{
    private readonly HttpClient _http;

    public KnowledgeClient(ServerFixture server, string apiKey = ServerFixture.ApiKey)
    {
        _http = new HttpClient { BaseAddress = server.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        Api = server.Api(apiKey);
    }

    /// <summary>The JSON client with the same key.</summary>
    public ApiClient Api { get; }

    /// <summary>A file part: its bytes, the name it is uploaded under, and its declared media type.</summary>
    public static (string Field, string FileName, byte[] Bytes, string? MediaType) File(string fileName, string text, string? mediaType = "text/plain", string field = "files[]")
        => (field, fileName, Encoding.UTF8.GetBytes(text), mediaType);

    public static (string Field, string FileName, byte[] Bytes, string? MediaType) File(string fileName, byte[] bytes, string? mediaType, string field = "files[]")
        => (field, fileName, bytes, mediaType);

    /// <summary>A multipart body of these files and, when given, other fields (<c>name</c>, ...).</summary>
    public static MultipartFormDataContent Form(IEnumerable<(string Field, string FileName, byte[] Bytes, string? MediaType)> files, params (string Field, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, value) in fields)
        {
            form.Add(new StringContent(value), field);
        }

        foreach (var (field, fileName, bytes, mediaType) in files)
        {
            var part = new ByteArrayContent(bytes);
            if (mediaType is not null)
            {
                part.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
            }

            form.Add(part, field, fileName);
        }

        return form;
    }

    public Task<ApiAnswer> CreateAsync(HttpContent content) => SendAsync(HttpMethod.Post, "v1/knowledge", content);

    public Task<ApiAnswer> CreateAsync(string? name, params (string Field, string FileName, byte[] Bytes, string? MediaType)[] files)
        => CreateAsync(name is null ? Form(files) : Form(files, ("name", name)));

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };

        // As a careful client uploads: the server can refuse a body too large before it is sent, instead of closing
        // the connection under a client still sending it (which reads as "the response ended prematurely").
        request.Headers.ExpectContinue = content.Headers.ContentLength > 64 * 1024;
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiAnswer(response.StatusCode, body, response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Polls the knowledge until every file is processed (a running ingestion may already be <c>partial</c>) and returns it with this status.</summary>
    public async Task<JsonElement> WaitUntilAsync(string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var knowledge = (await Api.GetAsync($"/v1/knowledge/{id}")).AssertStatus(HttpStatusCode.OK).Body;
            var counts = knowledge.GetProperty("row_counts");
            var done = counts.GetProperty("completed").GetInt32() + counts.GetProperty("failed").GetInt32() == counts.GetProperty("total").GetInt32();
            if (done || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, knowledge.GetProperty("status").GetString());
                return knowledge;
            }

            await Task.Delay(25);
        }
    }

    /// <summary>The <c>row_counts</c> of a knowledge: files completed, failed, and in all.</summary>
    public static (int Completed, int Failed, int Total) RowCounts(JsonElement knowledge)
    {
        var counts = knowledge.GetProperty("row_counts");
        return (counts.GetProperty("completed").GetInt32(), counts.GetProperty("failed").GetInt32(), counts.GetProperty("total").GetInt32());
    }

    /// <summary>A PDF made with PdfPig's writer: one page per entry, one text line per string.</summary>
    public static byte[] Pdf(params string[][] pages) => Parley.Testing.Documents.TestPdf.Create(pages);

    public void Dispose()
    {
        _http.Dispose();
        Api.Dispose();
    }
}
