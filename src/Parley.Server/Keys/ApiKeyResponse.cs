using System.Text.Json.Serialization;
using Parley.Storage.ApiKeys;

namespace Parley.Server.Keys;

/// <summary>An API key as the admin API shows it: the prefix only, and the key itself once, when created.</summary>
internal sealed record ApiKeyResponse(string Id, string Name, string Prefix, string TeamspaceId, bool IsAdmin, bool IsOperator, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public string Object => "api_key";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    public static ApiKeyResponse From(ApiKeyRecord key, string? raw = null)
        => new(key.Id, key.Name, key.Prefix, key.TeamspaceId, key.IsAdmin || key.IsOperator, key.IsOperator, key.CreatedAt, key.RevokedAt) { Key = raw };
}
