namespace Parley.Tools.Webhooks;

/// <summary>Limits of webhook tools; bound from <c>Parley:Tools:Webhooks</c>. Where webhooks may go is <see cref="Outbound.OutboundOptions"/>.</summary>
public sealed record WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Parley:Tools:Webhooks";

    /// <summary>The most bytes of a response body handed to the model; the rest is cut off.</summary>
    public int MaxResultBytes { get; init; } = 8 * 1024;

    /// <summary>Throws when a value is out of range, so a bad configuration stops the server at start.</summary>
    public WebhookOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResultBytes, 256, nameof(MaxResultBytes));
        return this;
    }
}
