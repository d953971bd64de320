using Parley.Storage.Database;

namespace Parley.Server.Api;

/// <summary>Turns refusals and failures under <c>/v1</c> into the JSON error body with the right status.</summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await ApiResults.WriteAsync(context, ex.Error).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var error = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new ApiError(413, ApiErrorCodes.PayloadTooLarge, "The request body is too large.", false)
                : new ApiError(ex.StatusCode, ApiErrorCodes.BadRequest, ex.Message, false);
            await ApiResults.WriteAsync(context, error).ConfigureAwait(false);
        }
        catch (DatabaseUnavailableException ex) when (!context.Response.HasStarted)
        {
            // Loud on both sides: the operator sees why in the log, the client sees that nothing was stored.
            LogDatabaseUnavailable(logger, ex, context.Request.Method, context.Request.Path, ex.Message);
            await ApiResults.WriteAsync(context, new ApiError(
                500, ApiErrorCodes.InternalError, "The database is unavailable, so nothing was stored or read; the server's log says why.", true)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; nobody to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            LogUnhandled(logger, ex, context.Request.Method, context.Request.Path);
            await ApiResults.WriteAsync(context, new ApiError(500, ApiErrorCodes.InternalError, "The server failed to handle this request.", true)).ConfigureAwait(false);
        }

        // Routing answered without a body (no such route, wrong method): give it the error body too.
        if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405 or 415 && context.Response.ContentLength is null)
        {
            var error = context.Response.StatusCode switch
            {
                404 => new ApiError(404, ApiErrorCodes.NotFound, $"No endpoint {context.Request.Method} {context.Request.Path}.", false),
                405 => new ApiError(405, ApiErrorCodes.MethodNotAllowed, $"{context.Request.Method} is not allowed on {context.Request.Path}.", false),
                _ => new ApiError(415, ApiErrorCodes.UnsupportedMediaType, $"{context.Request.Path} does not take '{context.Request.ContentType}'.", false),
            };
            await ApiResults.WriteAsync(context, error).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Method} {Path} failed: {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure in {Method} {Path}.")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
