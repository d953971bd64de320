using System.Text.Json;

namespace Parley.Server.Files;

/// <summary>The body of <c>PATCH /v1/files/{id}</c>: seconds from now until an expiring file is deleted; absent leaves it.</summary>
internal sealed record FileUpdateRequest
{
    public JsonElement? ExpiresAfter { get; init; }
}
