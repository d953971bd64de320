using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Parley.Server.Voice;

/// <summary>Handoff tokens of one node, in memory; expired ones are dropped as new ones are issued.</summary>
internal sealed class InMemoryHandoffTokenStore(TimeProvider timeProvider) : IHandoffTokenStore
{
    private readonly ConcurrentDictionary<string, (HandoffGrant Grant, DateTimeOffset Expires)> _tokens = new();

    public Task<string> IssueAsync(HandoffGrant grant, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (token, entry) in _tokens)
        {
            if (entry.Expires <= now)
            {
                _tokens.TryRemove(token, out _);
            }
        }

        var issued = IHandoffTokenStore.Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[issued] = (grant, now + lifetime);
        return Task.FromResult(issued);
    }

    public Task RevokeKeyAsync(string apiKeyId, CancellationToken cancellationToken = default)
    {
        foreach (var (token, entry) in _tokens)
        {
            if (entry.Grant.ApiKeyId == apiKeyId)
            {
                _tokens.TryRemove(token, out _);
            }
        }

        return Task.CompletedTask;
    }

    public Task<HandoffGrant?> RedeemAsync(string token, CancellationToken cancellationToken = default)
        => Task.FromResult(_tokens.TryRemove(token, out var entry) && entry.Expires > timeProvider.GetUtcNow() ? entry.Grant : null);
}
