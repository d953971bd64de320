namespace Parley.Server.Api;

/// <summary>The <c>error</c> values of REST error bodies.</summary>
public static class ApiErrorCodes
{
    public const string BadRequest = "bad_request";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string Conflict = "conflict";
    public const string UnprocessableEntity = "unprocessable_entity";
    public const string RateLimitExceeded = "rate_limit_exceeded";
    public const string InternalError = "internal_error";
    public const string BadGateway = "bad_gateway";
    public const string Unavailable = "service_unavailable";
}
