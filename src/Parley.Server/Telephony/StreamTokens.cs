using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Parley.Server.Telephony;

/// <summary>Single-use tokens that let a carrier's media stream start the session its call was set up for; in memory, one node.</summary>
/// <remarks>
/// Issued by the voice webhook (after Twilio's signature was checked) or by <c>POST /v1/calls</c>, carried by the carrier
/// to the stream (a TwiML parameter, Telnyx's <c>stream_auth_token</c>), redeemed once. Several nodes need a shared store,
/// as handoff tokens do.
/// </remarks>
internal sealed class StreamTokens(TimeProvider timeProvider)
{
    /// <summary>Most unredeemed tokens kept; past it the oldest go (a flood of webhooks cannot grow memory without bound).</summary>
    public const int MaxPending = 10_000;

    private readonly ConcurrentDictionary<string, (StreamGrant Grant, DateTimeOffset Expires)> _tokens = new();

    public string Issue(StreamGrant grant, TimeSpan lifetime)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (token, entry) in _tokens)
        {
            if (entry.Expires <= now)
            {
                _tokens.TryRemove(token, out _);
            }
        }

        while (_tokens.Count >= MaxPending && _tokens.OrderBy(t => t.Value.Expires).FirstOrDefault() is { Key: { } oldest })
        {
            _tokens.TryRemove(oldest, out _);
        }

        var issued = "st_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[issued] = (grant, now + lifetime);
        return issued;
    }

    /// <summary>The grant, once; null for an unknown, expired or used token, or one issued for another carrier.</summary>
    public StreamGrant? Redeem(string? token, string carrier)
        => token is not null && _tokens.TryRemove(token, out var entry) && entry.Expires > timeProvider.GetUtcNow() && entry.Grant.Carrier == carrier
            ? entry.Grant
            : null;
}
