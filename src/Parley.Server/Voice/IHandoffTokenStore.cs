namespace Parley.Server.Voice;

/// <summary>Short-lived, single-use tokens that hand a REST caller over to <c>/ws/voice</c>.</summary>
/// <remarks>One node keeps them in memory; several nodes need a shared store (Redis) so any node can redeem.</remarks>
internal interface IHandoffTokenStore
{
    /// <summary>The token prefix, so the socket can tell a handoff token from an API key.</summary>
    const string Prefix = "ht_";

    /// <summary>Issues a token for <paramref name="grant"/>, valid for <paramref name="lifetime"/>.</summary>
    Task<string> IssueAsync(HandoffGrant grant, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>Redeems a token once; null when unknown, expired or already used.</summary>
    Task<HandoffGrant?> RedeemAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Voids every unredeemed token issued to the key <paramref name="apiKeyId"/>, as it is revoked.</summary>
    Task RevokeKeyAsync(string apiKeyId, CancellationToken cancellationToken = default);
}
