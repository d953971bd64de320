namespace Parley.Server.Telephony;

/// <summary>Single-use tokens that let a carrier's media stream start the session its call was set up for.</summary>
/// <remarks>
/// Issued by a signed voice webhook or by <c>POST /v1/calls</c>, carried by the carrier to the stream (a TwiML parameter,
/// Telnyx's <c>stream_auth_token</c>), redeemed once. One node keeps them in memory; on a cluster they live in Redis, since
/// the carrier's stream may land on another node than the webhook did.
/// </remarks>
internal interface IStreamTokenStore
{
    /// <summary>The token prefix.</summary>
    const string Prefix = "st_";

    /// <summary>Issues a token for <paramref name="grant"/>, valid for <paramref name="lifetime"/>.</summary>
    Task<string> IssueAsync(StreamGrant grant, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>The grant, once, on whichever node; null for an unknown, expired or used token, or one issued for another carrier.</summary>
    Task<StreamGrant?> RedeemAsync(string? token, string carrier, CancellationToken cancellationToken = default);
}
