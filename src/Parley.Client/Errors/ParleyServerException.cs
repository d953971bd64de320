using System.Net;

namespace Parley.Client.Errors;

/// <summary>5xx: the server failed; such calls were already retried by the retry handler.</summary>
public sealed class ParleyServerException : ParleyApiException
{
    public ParleyServerException()
    {
    }

    public ParleyServerException(string message)
        : base(message)
    {
    }

    public ParleyServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error as the server described it.</summary>
    public ParleyServerException(HttpStatusCode statusCode, string error, string message, bool retryable)
        : base(statusCode, error, message, retryable)
    {
    }
}
