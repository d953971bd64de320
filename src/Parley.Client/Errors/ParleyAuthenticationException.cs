using System.Net;

namespace Parley.Client.Errors;

/// <summary>401 Unauthorized: the API key is missing, unknown or revoked.</summary>
public sealed class ParleyAuthenticationException : ParleyApiException
{
    public ParleyAuthenticationException()
    {
    }

    public ParleyAuthenticationException(string message)
        : base(message)
    {
    }

    public ParleyAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error as the server described it.</summary>
    public ParleyAuthenticationException(HttpStatusCode statusCode, string error, string message, bool retryable)
        : base(statusCode, error, message, retryable)
    {
    }
}
