using System.Net;

namespace Parley.Cli.Tests.Infrastructure;

/// <summary>Waits for a server's <c>/healthz</c> to answer 200.</summary>
public static class Health
{
    public static async Task WaitAsync(Uri baseAddress, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{baseAddress} did not become healthy in time.");
    }
}
