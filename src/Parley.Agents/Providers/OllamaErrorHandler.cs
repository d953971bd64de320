using System.Net;
using System.Text.Json;

namespace Parley.Agents.Providers;

/// <summary>
/// Reads Ollama's error body (<c>{"error": "model 'x' not found, try pulling it first"}</c>) into the exception,
/// because OllamaSharp reports most failures by status code alone, and the body is what tells an operator the fix.
/// </summary>
internal sealed class OllamaErrorHandler : DelegatingHandler
{
    private const int MaxErrorChars = 1000;

    public OllamaErrorHandler()
        : base(new SocketsHttpHandler())
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = response.StatusCode;
            throw new HttpRequestException($"HTTP {(int)status} ({status}): {ErrorOf(body)}", null, status);
        }
    }

    private static string ErrorOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the text itself is the best clue.
        }

        return body.Length <= MaxErrorChars ? body : body[..MaxErrorChars];
    }
}
