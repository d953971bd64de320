using Microsoft.AspNetCore.Http.Features;
using Parley.Knowledge.Extraction;
using Parley.Server.Api;

namespace Parley.Server.Knowledge;

/// <summary>Reads and checks the bodies of the knowledge API: 400 for a malformed or empty upload, 422 for what Parley cannot do.</summary>
/// <remarks>
/// Create is multipart as the SDK sends it (<c>files[]</c> parts and a <c>name</c> field); update is multipart from the
/// SDK and JSON from anything else, so both are read.
/// </remarks>
internal static class KnowledgeForm
{
    public const int MaxNameChars = 200;
    public const int MaxFiles = 100;

    private static readonly string[] FileFields = ["files[]", "files"];

    /// <summary>The files and name of a create request, each file of a supported type.</summary>
    public static async Task<KnowledgeCreateForm> ReadCreateAsync(HttpRequest request, long maxBytes)
    {
        var form = await ReadFormAsync(request, maxBytes).ConfigureAwait(false);
        var files = new List<IFormFile>();
        foreach (var file in form.Files)
        {
            if (!FileFields.Contains(file.Name, StringComparer.Ordinal))
            {
                throw ApiException.BadRequest($"Unexpected file field '{file.Name}': send each file as a 'files[]' part.");
            }

            if (KnowledgeFileTypes.Detect(file.FileName, file.ContentType) is null)
            {
                throw ApiException.Unprocessable(
                    $"'{file.FileName}' ({(string.IsNullOrEmpty(file.ContentType) ? "no media type" : file.ContentType)}) is not a supported file type; "
                    + $"upload {KnowledgeFileTypes.SupportedDescription}.");
            }

            files.Add(file);
        }

        if (files.Count == 0)
        {
            throw ApiException.BadRequest("Send at least one file, as a 'files[]' part of a multipart/form-data body.");
        }

        if (files.Count > MaxFiles)
        {
            throw ApiException.Unprocessable($"At most {MaxFiles} files can make one knowledge.");
        }

        return new KnowledgeCreateForm(files, Name(Field(form, "name")));
    }

    /// <summary>The changes of an update request; files and sync are refused.</summary>
    public static async Task<KnowledgeUpdateRequest> ReadUpdateAsync(HttpRequest request)
    {
        KnowledgeUpdateRequest update;
        if (request.HasFormContentType)
        {
            var form = await ReadFormAsync(request, JsonBody.MaxBytes).ConfigureAwait(false);
            Refuse(files: form.Files.Count > 0 || form.ContainsKey("files") || form.ContainsKey("files[]"), sync: form.Keys.Any(k => k.StartsWith("sync", StringComparison.Ordinal)));
            update = new KnowledgeUpdateRequest { Name = Field(form, "name"), Scope = Field(form, "scope") };
        }
        else
        {
            update = await JsonBody.ReadAsync(request, KnowledgeJsonContext.Default.KnowledgeUpdateRequest, () => new KnowledgeUpdateRequest()).ConfigureAwait(false);
            Refuse(files: update.Files is { ValueKind: not System.Text.Json.JsonValueKind.Null }, sync: update.Sync is { ValueKind: not System.Text.Json.JsonValueKind.Null });
        }

        if (update.Scope is not (null or "teamspace"))
        {
            throw ApiException.Unprocessable($"'scope' must be 'teamspace': a self-hosted server has no organization to share knowledge with.");
        }

        return update with { Name = Name(update.Name) };
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, long maxBytes)
    {
        if (!request.HasFormContentType)
        {
            throw ApiException.BadRequest("Send a multipart/form-data body with the files as 'files[]' parts and an optional 'name'.");
        }

        if (request.ContentLength > maxBytes)
        {
            throw ApiException.TooLarge($"Uploads may hold at most {maxBytes} bytes in all.");
        }

        // The endpoint's request size limit is what refuses large bodies (413); the form reader must never be stricter.
        var options = new FormOptions { MultipartBodyLengthLimit = Math.Max(maxBytes, new FormOptions().MultipartBodyLengthLimit) };
        try
        {
            return await request.ReadFormAsync(options, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw ApiException.BadRequest($"The multipart body could not be read: {ex.Message}");
        }
        catch (IOException) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The multipart reader's word for a body that ends before its closing boundary (or never holds one).
            throw ApiException.BadRequest("The multipart body ended before its closing boundary.");
        }
    }

    private static string? Field(IFormCollection form, string name)
        => form.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static string? Name(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var trimmed = name.Trim();
        return trimmed.Length switch
        {
            0 => throw ApiException.Unprocessable("'name' cannot be empty."),
            > MaxNameChars => throw ApiException.Unprocessable($"'name' is longer than {MaxNameChars} characters."),
            _ => trimmed,
        };
    }

    private static void Refuse(bool files, bool sync)
    {
        if (files)
        {
            throw ApiException.Unprocessable("Replacing the files of a knowledge is not supported; create a new knowledge from them and delete this one.");
        }

        if (sync)
        {
            throw ApiException.Unprocessable("Knowledge here is made from uploaded files and never syncs from a connection.");
        }
    }
}
