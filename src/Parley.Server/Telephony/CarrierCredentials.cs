using Parley.Storage.Secrets;
using Parley.Storage.Telephony;
using Parley.Tools.Secrets;

namespace Parley.Server.Telephony;

/// <summary>A number's carrier credential, read from the teamspace's secret it names: to check a webhook's signature, or to call the carrier's API.</summary>
/// <remarks>The value is never logged nor returned; for a call to the carrier's API it goes only to a host the secret is bound to.</remarks>
internal sealed class CarrierCredentials(SecretStore secrets, SecretGate gate)
{
    /// <summary>The credential to check a webhook's signature with (it is not sent anywhere); null when the secret is gone.</summary>
    public async Task<string?> ForSignatureAsync(PhoneNumberRecord number, CancellationToken cancellationToken)
    {
        var found = await secrets.ReadAsync(number.TeamspaceId, [number.CredentialSecret], cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(number.CredentialSecret, out var secret) ? secret.Value : null;
    }

    /// <summary>The credential to send to <paramref name="api"/>; null when the secret is gone.</summary>
    /// <exception cref="Parley.Tools.Outbound.OutboundRefusedException">The secret is bound to other hosts.</exception>
    public async Task<string?> ForApiAsync(PhoneNumberRecord number, Uri api, CancellationToken cancellationToken)
    {
        var values = await gate.ReadForAsync(number.TeamspaceId, [$"{{{{secret:{number.CredentialSecret}}}}}"], api, cancellationToken).ConfigureAwait(false);
        return values.TryGetValue(number.CredentialSecret, out var value) ? value : null;
    }
}
