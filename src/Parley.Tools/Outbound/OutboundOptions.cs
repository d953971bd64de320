using Microsoft.Extensions.Configuration;

namespace Parley.Tools.Outbound;

/// <summary>Where calls that agents' authors aim (webhooks, MCP servers) may go; bound from <c>Parley:Outbound</c>.</summary>
public sealed record OutboundOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Parley:Outbound";

    /// <summary>The key the allow-list had when only webhooks were guarded; still read, and added to <see cref="AllowedHosts"/>.</summary>
    public const string LegacyAllowedHostsKey = "Parley:Tools:Webhooks:AllowedHosts";

    /// <summary>
    /// Hosts (<c>name</c>, <c>name:port</c>, <c>10.0.0.5</c>, <c>[::1]:8080</c>) that may be called even though they
    /// resolve to loopback, private, link-local or otherwise internal addresses. Empty: only public addresses.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>The options in <paramref name="configuration"/>: <c>Parley:Outbound:AllowedHosts</c> and the older <c>Parley:Tools:Webhooks:AllowedHosts</c> together.</summary>
    public static OutboundOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<OutboundOptions>() ?? new OutboundOptions();
        var legacy = configuration.GetSection(LegacyAllowedHostsKey).Get<string[]>() ?? [];
        return (options with { AllowedHosts = [.. options.AllowedHosts.Concat(legacy).Distinct(StringComparer.OrdinalIgnoreCase)] }).Validate();
    }

    /// <summary>Throws when an entry is not a host or host:port, so a bad configuration stops the server at start.</summary>
    public OutboundOptions Validate()
    {
        foreach (var host in AllowedHosts)
        {
            _ = HostAllowList.Parse(host);
        }

        return this;
    }
}
