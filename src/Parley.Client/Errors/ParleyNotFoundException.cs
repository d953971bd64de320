using System.Net;

namespace Parley.Client.Errors;

/// <summary>404 Not Found: no such resource for this key (another teamspace's ids are not found either).</summary>
public sealed class ParleyNotFoundException : ParleyApiException
{
    public ParleyNotFoundException()
    {
    }

    public ParleyNotFoundException(string message)
        : base(message)
    {
    }

    public ParleyNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error as the server described it.</summary>
    public ParleyNotFoundException(HttpStatusCode statusCode, string error, string message, bool retryable)
        : base(statusCode, error, message, retryable)
    {
    }
}
