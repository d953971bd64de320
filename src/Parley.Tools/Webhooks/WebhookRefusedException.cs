namespace Parley.Tools.Webhooks;

/// <summary>The guard refused a webhook's target: it is internal and not allowed by name.</summary>
public sealed class WebhookRefusedException : Exception
{
    public WebhookRefusedException()
    {
    }

    public WebhookRefusedException(string message)
        : base(message)
    {
    }

    public WebhookRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
