using Parley.Telephony;

namespace Parley.Server.Telephony;

/// <summary>The addresses carriers use to reach this server: from <c>Parley:Telephony:PublicBaseUrl</c>, else from the request.</summary>
internal sealed class PublicUrls(TelephonyOptions options)
{
    /// <summary>The full URL of this request as the carrier requested it (what Twilio signs).</summary>
    public Uri RequestUrl(HttpRequest request) => new(Base(request), $"{request.PathBase}{request.Path}{request.QueryString}");

    /// <summary>An http(s) URL of this server.</summary>
    public Uri Http(HttpRequest request, string pathAndQuery) => new(Base(request), pathAndQuery);

    /// <summary>The ws(s) URL of a media stream endpoint.</summary>
    public Uri WebSocket(HttpRequest request, string path)
    {
        var http = new UriBuilder(Http(request, path));
        http.Scheme = http.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return http.Uri;
    }

    private Uri Base(HttpRequest request)
        => options.PublicBaseUrl ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}");
}
