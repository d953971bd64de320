namespace Parley.Server.Api;

/// <summary>A request the API refuses; <see cref="ApiErrorMiddleware"/> writes it as the JSON error body.</summary>
/// <remarks>Thrown by the request readers (body, query) so endpoints can read their input in one line.</remarks>
public sealed class ApiException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;

    public static ApiException BadRequest(string message) => new(new ApiError(400, ApiErrorCodes.BadRequest, message, false));

    public static ApiException Unprocessable(string message) => new(new ApiError(422, ApiErrorCodes.UnprocessableEntity, message, false));

    public static ApiException NotFound(string message) => new(new ApiError(404, ApiErrorCodes.NotFound, message, false));

    public static ApiException TooLarge(string message) => new(new ApiError(413, ApiErrorCodes.PayloadTooLarge, message, false));
}
