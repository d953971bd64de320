using System.Text.Json;

namespace Parley.Storage.Agents;

/// <summary>Parley's own: an HTTP endpoint an agent may call as a tool, as the API accepts and returns it.</summary>
/// <remarks>
/// Secret references in <see cref="Headers"/> (<c>{{secret:NAME}}</c>) are stored as written and filled only when
/// the tool is called, so the agent never holds a secret's value.
/// </remarks>
public sealed record AgentWebhook
{
    /// <summary>Milliseconds a call may take when the definition sets none.</summary>
    public const int DefaultTimeoutMs = 10_000;

    /// <summary>The longest a call may be allowed to take.</summary>
    public const int MaxTimeoutMs = 60_000;

    /// <summary>The argument schema of a webhook that takes no arguments.</summary>
    public static JsonElement NoParameters { get; } = JsonElement.Parse("""{"type":"object","properties":{}}""");

    /// <summary>The tool name the model calls it by.</summary>
    public required string Name { get; init; }

    /// <summary>What the tool does, for the model.</summary>
    public string? Description { get; init; }

    /// <summary>GET, POST, PUT, PATCH or DELETE.</summary>
    public required string Method { get; init; }

    /// <summary>An absolute http(s) URL whose path and query may hold <c>{param}</c> placeholders filled from the arguments.</summary>
    public required string Url { get; init; }

    /// <summary>The JSON Schema (an object schema) of the arguments; null takes none.</summary>
    public JsonElement? Parameters { get; init; }

    /// <summary>Headers sent with every call; values may refer to secrets.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a call may take before it fails.</summary>
    public int TimeoutMs { get; init; } = DefaultTimeoutMs;
}
