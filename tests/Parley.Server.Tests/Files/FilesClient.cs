using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>The Files API as the SDK calls it: multipart uploads with a <c>file</c> part, and downloads of the content.</summary>
public sealed class FilesClient : IDisposable
{
    private readonly HttpClient _http;

    public FilesClient(ServerFixture server, string apiKey = ServerFixture.ApiKey)
    {
        _http = new HttpClient { BaseAddress = server.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        Api = server.Api(apiKey);
    }

    /// <summary>The JSON client with the same key.</summary>
    public ApiClient Api { get; }

    /// <summary>Uploads <paramref name="bytes"/> as <paramref name="fileName"/>, with <c>expires_after</c> when given.</summary>
    public async Task<ApiAnswer> UploadAsync(string fileName, byte[] bytes, string? mediaType = "text/plain", string? expiresAfter = null, string field = "file")
    {
        using var form = Form(fileName, bytes, mediaType, expiresAfter, field);
        return await UploadAsync(form);
    }

    /// <summary>Posts <paramref name="body"/> to <c>/v1/files</c> as it is.</summary>
    public async Task<ApiAnswer> UploadAsync(HttpContent body)
    {
        using var response = await _http.PostAsync(new Uri("v1/files", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), new Dictionary<string, string>());
    }

    /// <summary>The multipart body the SDK sends for an upload.</summary>
    public static MultipartFormDataContent Form(string fileName, byte[] bytes, string? mediaType = "text/plain", string? expiresAfter = null, string field = "file")
    {
        var form = new MultipartFormDataContent();
        if (expiresAfter is not null)
        {
            form.Add(new StringContent(expiresAfter), "expires_after");
        }

        var part = new ByteArrayContent(bytes);
        if (mediaType is not null)
        {
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }

        form.Add(part, field, fileName);
        return form;
    }

    public Task<ApiAnswer> UploadTextAsync(string fileName, string text, string? expiresAfter = null)
        => UploadAsync(fileName, Encoding.UTF8.GetBytes(text), "text/plain", expiresAfter);

    /// <summary>The content of a file: status, media type, attachment name and bytes.</summary>
    public async Task<(HttpStatusCode Status, string? MediaType, string? FileName, byte[] Bytes)> ContentAsync(string id)
    {
        using var response = await _http.GetAsync(new Uri($"v1/files/{id}/content", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentDisposition?.FileNameStar, bytes);
    }

    public void Dispose()
    {
        _http.Dispose();
        Api.Dispose();
    }
}
