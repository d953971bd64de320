using System.Net.Http.Headers;

namespace Parley.Telephony.Calls;

/// <summary>Sends a request to a carrier's API within the configured time and turns its failures into <see cref="CarrierCallException"/>.</summary>
internal static class CarrierHttp
{
    /// <summary>Most of a carrier's error body quoted in an exception.</summary>
    private const int QuotedChars = 300;

    public static async Task<string> SendAsync(HttpClient http, HttpRequestMessage request, string carrier, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, limit.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CarrierCallException($"{carrier} answered {(int)response.StatusCode}: {Quote(body)}");
            }

            return body;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CarrierCallException($"{carrier} did not answer within {timeout.TotalSeconds:F0} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new CarrierCallException($"{carrier} could not be reached: {ex.Message}", ex);
        }
    }

    public static AuthenticationHeaderValue Basic(string user, string password)
        => new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static string Quote(string body) => body.Length <= QuotedChars ? body : string.Concat(body.AsSpan(0, QuotedChars), "…");
}
