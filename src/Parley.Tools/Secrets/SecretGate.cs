using Parley.Storage.Secrets;
using Parley.Tools.Outbound;

namespace Parley.Tools.Secrets;

/// <summary>Reads the secrets that header templates refer to, for one target, letting through only those bound to that target's host.</summary>
/// <remarks>
/// Any key of a teamspace can aim a webhook or an MCP server at a host it controls and write <c>{{secret:NAME}}</c> in a
/// header; a secret created with <c>allowed_hosts</c> is read for its own hosts only, so pointing it elsewhere fails
/// before a byte is sent. A secret without <c>allowed_hosts</c> (only admins create those) goes wherever it is pointed.
/// </remarks>
public sealed class SecretGate(SecretStore secrets)
{
    /// <summary>The values by name of the secrets <paramref name="templates"/> refer to, for a request to <paramref name="target"/>; names the teamspace lacks are left out.</summary>
    /// <exception cref="OutboundRefusedException">A secret referred to may not be sent to the target's host (the message names it, never its value).</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A value cannot be decrypted: its key ring is gone.</exception>
    public async Task<IReadOnlyDictionary<string, string>> ReadForAsync(
        string teamspaceId, IEnumerable<string> templates, Uri target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(target);
        var names = templates.SelectMany(SecretReferences.Names).Distinct(StringComparer.Ordinal).ToList();
        var values = await secrets.ReadAsync(teamspaceId, names, cancellationToken).ConfigureAwait(false);
        var host = target.IdnHost.Trim('[', ']');
        foreach (var secret in values.Values)
        {
            if (secret.AllowedHosts is { } allowed && !new HostAllowList(allowed).Allows(host, target.Port))
            {
                throw new OutboundRefusedException(allowed.Count == 0
                    ? $"The secret '{secret.Name}' may not be sent to any host; recreate it with the hosts it is for in 'allowed_hosts'."
                    : $"The secret '{secret.Name}' may only be sent to {string.Join(", ", allowed)}, not to {host}:{target.Port}.");
            }
        }

        return values.ToDictionary(v => v.Key, v => v.Value.Value, StringComparer.Ordinal);
    }
}
