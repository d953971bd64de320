using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization.Metadata;

namespace Parley.Server.Api;

/// <summary>Reads JSON request bodies with the API's errors: 400 for bad JSON, text that is not UTF-8 or a field of the wrong type, 413 when too large.</summary>
public static class JsonBody
{
    /// <summary>Largest JSON body accepted.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Reads the body as <typeparamref name="T"/>; an empty body reads as <paramref name="empty"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, Func<T> empty)
    {
        ArgumentNullException.ThrowIfNull(empty);
        using var document = await ReadDocumentAsync(request).ConfigureAwait(false);
        if (document is null)
        {
            return empty();
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("The request body must be a JSON object.");
        }

        try
        {
            return document.RootElement.Deserialize(typeInfo) ?? empty();
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"Invalid field in the request body{(ex.Path is null ? string.Empty : $" at {ex.Path}")}: {ex.Message}");
        }
    }

    /// <summary>Reads the body as a JSON document, or null when it is empty.</summary>
    public static async Task<JsonDocument?> ReadDocumentAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            throw ApiException.TooLarge($"JSON bodies may hold at most {MaxBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw ApiException.TooLarge($"JSON bodies may hold at most {MaxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return null;
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        // The JSON reader checks strings' UTF-8 only when a string is read, so a bad byte would surface later as an
        // InvalidOperationException (a 500) in whatever reads that field.
        if (!Utf8.IsValid(bytes.Span))
        {
            throw ApiException.BadRequest("The request body is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            // Not ex.Message: it quotes the offending token, which may run to the end of the body.
            throw ApiException.BadRequest($"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }

        try
        {
            RequireReadableText(document.RootElement);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    // Escapes are decoded only when a string is read too: a lone surrogate ("\ud800") is refused here, for every field.
    private static void RequireReadableText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Readable(() => property.Name);
                    RequireReadableText(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    RequireReadableText(item);
                }

                break;
            case JsonValueKind.String:
                Readable(element.GetString);
                break;
            default:
                break;
        }
    }

    private static void Readable(Func<string?> read)
    {
        try
        {
            read();
        }
        catch (InvalidOperationException ex)
        {
            throw ApiException.BadRequest($"The request body holds text that is not valid Unicode: {ex.Message}");
        }
    }
}
