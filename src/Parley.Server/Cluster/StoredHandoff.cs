using System.Text.Json;

namespace Parley.Server.Cluster;

/// <summary>A handoff grant as kept in Redis: who asked, and the start parameters as the protocol writes them.</summary>
internal sealed record StoredHandoff(string TeamspaceId, string ApiKeyId, JsonElement Start);
