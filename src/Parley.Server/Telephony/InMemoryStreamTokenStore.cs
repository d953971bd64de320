using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Parley.Server.Telephony;

/// <summary>Stream tokens of one node, in memory; expired ones are dropped as new ones are issued, and at most <see cref="MaxPending"/> are kept.</summary>
internal sealed class InMemoryStreamTokenStore(TimeProvider timeProvider) : IStreamTokenStore
{
    /// <summary>Most unredeemed tokens kept; past it the oldest go (a flood of webhooks cannot grow memory without bound).</summary>
    public const int MaxPending = 10_000;

    private readonly ConcurrentDictionary<string, (StreamGrant Grant, DateTimeOffset Expires)> _tokens = new();

    public Task<string> IssueAsync(StreamGrant grant, TimeSpan lifetime, CancellationToken cancellationToken = default)
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

        var issued = IStreamTokenStore.Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[issued] = (grant, now + lifetime);
        return Task.FromResult(issued);
    }

    public Task<StreamGrant?> RedeemAsync(string? token, string carrier, CancellationToken cancellationToken = default)
        => Task.FromResult(
            token is not null && _tokens.TryRemove(token, out var entry) && entry.Expires > timeProvider.GetUtcNow() && entry.Grant.Carrier == carrier
                ? entry.Grant
                : null);
}
