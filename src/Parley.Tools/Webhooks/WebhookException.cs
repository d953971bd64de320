namespace Parley.Tools.Webhooks;

/// <summary>A webhook call failed: refused, unreachable, too slow, or answered with an error; the message says which, for the model.</summary>
public sealed class WebhookException : Exception
{
    public WebhookException()
    {
    }

    public WebhookException(string message)
        : base(message)
    {
    }

    public WebhookException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
