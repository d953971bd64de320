using System.Text.Json.Serialization;

namespace Parley.Server.Cluster;

/// <summary>Source-generated JSON for what nodes keep in Redis.</summary>
[JsonSerializable(typeof(StoredHandoff))]
[JsonSerializable(typeof(StoredStreamGrant))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
