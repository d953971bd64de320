using System.Text.Json;

namespace Parley.Server.Knowledge;

/// <summary>The body of <c>PATCH /v1/knowledge/{id}</c> (JSON or multipart form): a new name; files and sync are refused.</summary>
internal sealed record KnowledgeUpdateRequest
{
    public string? Name { get; init; }

    /// <summary><c>teamspace</c> is accepted; <c>organization</c> is refused, as there is none.</summary>
    public string? Scope { get; init; }

    /// <summary>Replacing files is not supported: create a new knowledge instead.</summary>
    public JsonElement? Files { get; init; }

    /// <summary>Knowledge in Parley never syncs from a connection.</summary>
    public JsonElement? Sync { get; init; }
}
