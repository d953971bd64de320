using System.Net.Http.Headers;

namespace Parley.Bench.Metrics;

/// <summary>Scrapes the server's <c>/metrics</c> (sending the API key, which a server with <c>Parley:Metrics:RequireKey</c> needs).</summary>
internal sealed class MetricsScraper(Uri baseUrl, string apiKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The server's histograms now, or null with the reason when they cannot be read.</summary>
    public async Task<(IReadOnlyDictionary<string, HistogramSnapshot>? Histograms, string? Error)> ScrapeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"GET /metrics answered {(int)response.StatusCode}");
            }

            return (PrometheusText.Histograms(await response.Content.ReadAsStringAsync(cancellationToken)), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (null, $"GET /metrics failed: {ex.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
