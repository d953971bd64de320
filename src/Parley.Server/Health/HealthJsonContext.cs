using System.Text.Json.Serialization;

namespace Parley.Server.Health;

/// <summary>Source-generated JSON for the health endpoint.</summary>
[JsonSerializable(typeof(HealthStatus))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
