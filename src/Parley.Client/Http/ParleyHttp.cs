using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Parley.Client.Errors;

namespace Parley.Client.Http;

/// <summary>Sends requests to the REST API and reads JSON answers, turning failures into typed exceptions.</summary>
internal sealed class ParleyHttp(HttpClient http)
{
    public HttpClient Client => http;

    public Task<T> GetAsync<T>(string path, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
        => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), answer, cancellationToken);

    public Task<T> SendJsonAsync<TBody, T>(HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> request, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
        => SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, request) }, answer, cancellationToken);

    public async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
            var value = await response.Content.ReadFromJsonAsync(answer, cancellationToken).ConfigureAwait(false);
            return value ?? throw new ParleyApiException($"{request.Method} {request.RequestUri} answered an empty body.");
        }
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        using var response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ApiErrors.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }
}
