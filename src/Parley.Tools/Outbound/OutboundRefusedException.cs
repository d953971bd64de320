namespace Parley.Tools.Outbound;

/// <summary>The guard refused an outbound call: its target is internal and not allowed by name, does not resolve, or is not where the call may go.</summary>
public sealed class OutboundRefusedException : Exception
{
    public OutboundRefusedException()
    {
    }

    public OutboundRefusedException(string message)
        : base(message)
    {
    }

    public OutboundRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The refusal somewhere in <paramref name="exception"/>'s chain (HttpClient wraps what the connect callback throws), or null.</summary>
    public static OutboundRefusedException? Find(Exception? exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is OutboundRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
