using System.Text.Json;

namespace Parley.Server.Cluster;

/// <summary>A media stream grant as kept in Redis: the call and who it counts against, and the start parameters as the protocol writes them.</summary>
internal sealed record StoredStreamGrant(string TeamspaceId, string SessionKeyId, JsonElement Start, string CallId, string Carrier, string? Greeting);
