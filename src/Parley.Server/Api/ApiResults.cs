using System.Text.Json.Serialization.Metadata;

namespace Parley.Server.Api;

/// <summary>Results of API endpoints: JSON bodies and the error body.</summary>
public static class ApiResults
{
    /// <summary>The error body with its status.</summary>
    public static IResult Error(ApiError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Results.Json(error, ApiJsonContext.Default.ApiError, statusCode: error.StatusCode);
    }

    /// <summary>404 for a resource missing here: also what another teamspace's id gets, so ids do not leak.</summary>
    public static IResult NotFound(string what, string id) => Error(new ApiError(404, ApiErrorCodes.NotFound, $"{what} '{id}' was not found.", false));

    /// <summary>A JSON body.</summary>
    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK)
        => Results.Json(value, typeInfo, statusCode: statusCode);

    /// <summary>Writes the error body straight to a response (for middleware).</summary>
    public static async Task WriteAsync(HttpContext context, ApiError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        context.Response.StatusCode = error.StatusCode;
        await context.Response.WriteAsJsonAsync(error, ApiJsonContext.Default.ApiError).ConfigureAwait(false);
    }
}
