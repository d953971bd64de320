using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Parley.Server.Api;

namespace Parley.Server.Files;

/// <summary>Reads the upload of <c>POST /v1/files</c> as the SDK sends it: a <c>file</c> part and an optional <c>expires_after</c> field.</summary>
internal static class FileForm
{
    /// <summary>The longest an upload may be kept before it expires, as the SDK documents it (6 days).</summary>
    public const int MaxExpiresAfterSeconds = 518_400;

    /// <summary>The uploaded file, its media type, and its lifetime; 400 for a malformed body, 413 too large, 422 a type or lifetime Parley does not take.</summary>
    public static async Task<(IFormFile File, string MediaType, TimeSpan? ExpiresAfter)> ReadAsync(HttpRequest request, long maxBytes)
    {
        if (!request.HasFormContentType)
        {
            throw ApiException.BadRequest("Send a multipart/form-data body with the file as a 'file' part and an optional 'expires_after'.");
        }

        if (request.ContentLength > maxBytes)
        {
            throw ApiException.TooLarge($"Uploads may hold at most {maxBytes} bytes.");
        }

        IFormCollection form;
        try
        {
            // The endpoint's request size limit refuses large bodies (413); the form reader must never be stricter.
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = Math.Max(maxBytes, new FormOptions().MultipartBodyLengthLimit) }, request.HttpContext.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw ApiException.BadRequest($"The multipart body could not be read: {ex.Message}");
        }
        catch (IOException ex) when (ex is not BadHttpRequestException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The multipart reader's word for a body that ends before its closing boundary (or never holds one); a body
            // over the size limit is Kestrel's BadHttpRequestException (also an IOException) and stays a 413.
            throw ApiException.BadRequest("The multipart body ended before its closing boundary.");
        }

        if (form.Files.Count != 1 || form.Files[0].Name != "file")
        {
            throw ApiException.BadRequest("Send exactly one file, as the 'file' part of the multipart body.");
        }

        var file = form.Files[0];
        if (file.Length == 0)
        {
            throw ApiException.Unprocessable($"'{file.FileName}' is empty.");
        }

        if (file.Length > maxBytes)
        {
            throw ApiException.TooLarge($"Uploads may hold at most {maxBytes} bytes.");
        }

        var mediaType = FileMediaTypes.Detect(file.FileName, file.ContentType) ?? throw new ApiException(new ApiError(
            StatusCodes.Status415UnsupportedMediaType,
            ApiErrorCodes.UnsupportedMediaType,
            $"'{file.FileName}' ({(string.IsNullOrEmpty(file.ContentType) ? "no media type" : file.ContentType)}) is not a kind of file Parley keeps; upload one of {FileMediaTypes.Described}.",
            false));
        return (file, mediaType, ExpiresAfter(form.TryGetValue("expires_after", out var values) ? values.ToString() : null));
    }

    /// <summary>A lifetime in whole seconds, 1 to <see cref="MaxExpiresAfterSeconds"/>; null when not given.</summary>
    public static TimeSpan? ExpiresAfter(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text == "null")
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            throw ApiException.BadRequest($"'expires_after' must be a whole number of seconds, not '{text}'.");
        }

        return Seconds(seconds);
    }

    /// <summary>A lifetime checked against the SDK's range.</summary>
    public static TimeSpan Seconds(long seconds) => seconds is >= 1 and <= MaxExpiresAfterSeconds
        ? TimeSpan.FromSeconds(seconds)
        : throw ApiException.Unprocessable($"'expires_after' must be between 1 and {MaxExpiresAfterSeconds} seconds (6 days).");
}
