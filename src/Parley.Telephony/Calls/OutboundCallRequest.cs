namespace Parley.Telephony.Calls;

/// <summary>A call for a carrier to place: from one of the account's numbers to <see cref="To"/>, its media stream to Parley.</summary>
/// <param name="AccountId">The carrier account (Twilio Account SID, Telnyx connection id).</param>
/// <param name="Credential">The account's credential (Twilio auth token, Telnyx API key); sent only to the carrier's API.</param>
/// <param name="From">The caller id: a number of the account.</param>
/// <param name="To">The number to call.</param>
/// <param name="StreamUrl">Where the carrier connects the call's media stream once it is answered.</param>
/// <param name="StreamToken">The single-use token the stream presents.</param>
/// <param name="StatusCallbackUrl">Where the carrier reports the call's status by webhook.</param>
/// <param name="CallReference">Parley's id of the call, for a carrier that echoes it back in its webhooks (Telnyx's <c>client_state</c>).</param>
public sealed record OutboundCallRequest(
    string AccountId, string Credential, string From, string To, Uri StreamUrl, string StreamToken, Uri? StatusCallbackUrl, string? CallReference = null);
