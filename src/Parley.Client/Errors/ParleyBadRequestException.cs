using System.Net;

namespace Parley.Client.Errors;

/// <summary>400 Bad Request or 422 Unprocessable Entity: the request was malformed or a value is out of range, unknown tool or voice.</summary>
public sealed class ParleyBadRequestException : ParleyApiException
{
    public ParleyBadRequestException()
    {
    }

    public ParleyBadRequestException(string message)
        : base(message)
    {
    }

    public ParleyBadRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error as the server described it.</summary>
    public ParleyBadRequestException(HttpStatusCode statusCode, string error, string message, bool retryable)
        : base(statusCode, error, message, retryable)
    {
    }
}
