using System.Net;

namespace Parley.Client.Errors;

/// <summary>403 Forbidden: the key may not do this (for example, managing keys without an admin key).</summary>
public sealed class ParleyPermissionDeniedException : ParleyApiException
{
    public ParleyPermissionDeniedException()
    {
    }

    public ParleyPermissionDeniedException(string message)
        : base(message)
    {
    }

    public ParleyPermissionDeniedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error as the server described it.</summary>
    public ParleyPermissionDeniedException(HttpStatusCode statusCode, string error, string message, bool retryable)
        : base(statusCode, error, message, retryable)
    {
    }
}
