using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Parley.Server.Api;
using Parley.Storage.Files;

namespace Parley.Server.Files;

/// <summary><c>/v1/files</c> as the SDK's <c>files</c> resource: create (multipart), retrieve, update (expiry), list, delete, content.</summary>
/// <remarks>
/// Lists show uploads; recordings (a voice message's clips and whole call) are reached through their message's ids and
/// are otherwise files like any other: retrieved, downloaded, deleted.
/// </remarks>
internal static class FileEndpoints
{
    public static void MapFiles(this IEndpointRouteBuilder api)
    {
        var maxUploadBytes = (api.ServiceProvider.GetService<ApiOptions>() ?? new ApiOptions()).MaxUploadBytes;
        var group = api.MapGroup("/files").WithTags("Files");
        group.MapPost("/", CreateAsync)
            .WithMetadata(new RequestSizeLimitAttribute(maxUploadBytes + 64 * 1024))
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<FileResponse>(StatusCodes.Status201Created);
        group.MapGet("/", ListAsync).Produces<ListResponse<FileResponse>>();
        group.MapGet("/{id}", RetrieveAsync).Produces<FileResponse>();
        group.MapPatch("/{id}", UpdateAsync)
            .WithMetadata(new RequestSizeLimitAttribute(JsonBody.MaxBytes))
            .Accepts<FileUpdateRequest>("application/json")
            .Produces<FileResponse>();
        group.MapDelete("/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
        group.MapGet("/{id}/content", ContentAsync).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, FileService files, ApiOptions options)
    {
        var (file, mediaType, expiresAfter) = await FileForm.ReadAsync(context.Request, options.MaxUploadBytes).ConfigureAwait(false);
        var created = await files.UploadAsync(context.Caller().TeamspaceId, file.FileName, mediaType, file.OpenReadStream, expiresAfter, context.RequestAborted)
            .ConfigureAwait(false);
        return ApiResults.Json(FileResponse.From(created), FilesJsonContext.Default.FileResponse, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, FileStore store)
    {
        var page = PageQuery.Read(context.Request);
        var rows = await store.ListUploadsAsync(context.Caller().TeamspaceId, Pages.Probe(page), context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(Pages.From(rows, page, FileResponse.From), FilesJsonContext.Default.ListResponseFileResponse);
    }

    private static async Task<IResult> RetrieveAsync(string id, HttpContext context, FileStore store)
        => await store.FindAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false) is { } file
            ? ApiResults.Json(FileResponse.From(file), FilesJsonContext.Default.FileResponse)
            : ApiResults.NotFound("File", id);

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, FileStore store, TimeProvider time)
    {
        var teamspace = context.Caller().TeamspaceId;
        var file = await store.FindAsync(teamspace, id, context.RequestAborted).ConfigureAwait(false);
        if (file is null)
        {
            return ApiResults.NotFound("File", id);
        }

        var update = await JsonBody.ReadAsync(context.Request, FilesJsonContext.Default.FileUpdateRequest, () => new FileUpdateRequest()).ConfigureAwait(false);
        if (update.ExpiresAfter is { ValueKind: not JsonValueKind.Null } value)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds))
            {
                throw ApiException.BadRequest("'expires_after' must be a whole number of seconds.");
            }

            var after = FileForm.Seconds(seconds);
            if (file.ExpiresAt is null)
            {
                throw ApiException.Unprocessable("Only a file created with 'expires_after' can have its expiry changed; this one does not expire.");
            }

            file = await store.SetExpiryAsync(teamspace, id, time.GetUtcNow() + after, context.RequestAborted).ConfigureAwait(false);
        }

        return file is null ? ApiResults.NotFound("File", id) : ApiResults.Json(FileResponse.From(file), FilesJsonContext.Default.FileResponse);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, FileService files)
        => await files.DeleteAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiResults.NotFound("File", id);

    private static async Task<IResult> ContentAsync(string id, HttpContext context, FileService files)
    {
        var content = await files.OpenAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false);
        return content is null ? ApiResults.NotFound("File", id) : new DownloadResult(content);
    }

    /// <summary>Streams a file's content as an attachment: the header first (a recording's WAV header), then its bytes.</summary>
    private sealed class DownloadResult(FileContent content) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await using var _ = content;
            var response = httpContext.Response;
            response.ContentType = content.File.MediaType;
            response.ContentLength = content.Length;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = content.File.Filename }.ToString();
            response.Headers.CacheControl = "private, no-store";
            await response.Body.WriteAsync(content.Header, httpContext.RequestAborted).ConfigureAwait(false);
            await content.Body.CopyToAsync(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
