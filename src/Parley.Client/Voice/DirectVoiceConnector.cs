using Parley.Protocol.Payloads;

namespace Parley.Client.Voice;

/// <summary>Connects to one URL with one token (an API key, sent as <c>Authorization: Bearer</c>).</summary>
internal sealed class DirectVoiceConnector(Uri url, string? token) : VoiceConnector
{
    public override Task<VoiceTarget> ResolveAsync(StartPayload start, CancellationToken cancellationToken)
        => Task.FromResult(new VoiceTarget(url, token, start));

    /// <summary>The socket address for a server address: <c>http</c> becomes <c>ws</c>, and a bare host gets <c>/ws/voice</c>.</summary>
    public static Uri SocketUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var builder = new UriBuilder(url);
        builder.Scheme = builder.Scheme switch { "http" => "ws", "https" => "wss", var other => other };
        var path = builder.Path.TrimEnd('/');
        if (path.Length == 0 || path.Equals("/v1", StringComparison.OrdinalIgnoreCase))
        {
            builder.Path = "/ws/voice";
        }

        return builder.Uri;
    }
}
