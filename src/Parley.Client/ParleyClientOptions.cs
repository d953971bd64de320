using Parley.Client.Http;

namespace Parley.Client;

/// <summary>Where the Parley server is, the key to use, and how to retry.</summary>
public sealed class ParleyClientOptions
{
    /// <summary>The server, e.g. <c>http://localhost:8080</c> (a trailing <c>/v1</c>, as the Datagrid SDKs write it, is accepted).</summary>
    public Uri BaseAddress { get; set; } = new("http://localhost:8080");

    /// <summary>The API key sent as <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Retries of 429 and 5xx answers.</summary>
    public ParleyRetryOptions Retry { get; set; } = new();

    /// <summary>How long one REST call may take, retries included (default 100 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The server's root, ending with a slash, whatever form <see cref="BaseAddress"/> was given in.</summary>
    internal static Uri Root(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var text = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (text.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^3];
        }

        return new Uri(text + "/");
    }
}
