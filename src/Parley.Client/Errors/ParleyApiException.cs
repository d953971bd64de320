using System.Net;

namespace Parley.Client.Errors;

/// <summary>A REST call the server refused or failed, built from its error body <c>{"status_code", "error", "message", "retryable"}</c>.</summary>
/// <remarks>Catch a subclass for the common cases: <see cref="ParleyNotFoundException"/>, <see cref="ParleyAuthenticationException"/>, ...</remarks>
public class ParleyApiException : Exception
{
    public ParleyApiException()
        : this("The Parley server refused the request.")
    {
    }

    public ParleyApiException(string message)
        : this(message, null)
    {
    }

    public ParleyApiException(string message, Exception? innerException)
        : this(HttpStatusCode.InternalServerError, "unknown", message, retryable: false, innerException)
    {
    }

    /// <summary>An error as the server described it.</summary>
    public ParleyApiException(HttpStatusCode statusCode, string error, string message, bool retryable, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Error = error;
        Retryable = retryable;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The machine-readable code of the error body, e.g. <c>not_found</c> or <c>rate_limit_exceeded</c>.</summary>
    public string Error { get; }

    /// <summary>Whether the server says the same request may succeed later.</summary>
    public bool Retryable { get; }
}
