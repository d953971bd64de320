namespace Parley.Tools.Webhooks;

/// <summary>Limits of webhook tools; bound from <c>Parley:Tools:Webhooks</c>.</summary>
public sealed record WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Parley:Tools:Webhooks";

    /// <summary>
    /// Hosts (<c>name</c>, <c>name:port</c>, <c>10.0.0.5</c>, <c>[::1]:8080</c>) webhooks may call even though they
    /// resolve to loopback, private, link-local or otherwise internal addresses. Empty: only public addresses.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>The most bytes of a response body handed to the model; the rest is cut off.</summary>
    public int MaxResultBytes { get; init; } = 8 * 1024;

    /// <summary>Throws when a value is out of range, so a bad configuration stops the server at start.</summary>
    public WebhookOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResultBytes, 256, nameof(MaxResultBytes));
        foreach (var host in AllowedHosts)
        {
            _ = WebhookAllowList.Parse(host);
        }

        return this;
    }
}
