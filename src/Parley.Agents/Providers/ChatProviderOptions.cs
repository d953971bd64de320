namespace Parley.Agents.Providers;

/// <summary>One language model server: where it is, how to reach it, which models it serves.</summary>
public sealed record ChatProviderOptions
{
    /// <summary>The name agents use in <c>llm_model</c> as <c>name/model</c>; unique, without '/'.</summary>
    public string Name { get; init; } = "";

    /// <summary>The wire API: <see cref="ChatProviderTypes.OpenAI"/> or <see cref="ChatProviderTypes.Ollama"/>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The base URL: up to <c>/v1</c> for OpenAI-compatible servers, the server root for Ollama.</summary>
    public string BaseUrl { get; init; } = "";

    /// <summary>The API key; empty for servers that need none.</summary>
    public string ApiKey { get; init; } = "";

    /// <summary>The model ids it serves, so agents may name them without the provider.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>The model used when only the provider is named; the first of <see cref="Models"/> when unset.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>How long to wait for the response to begin (connect, send, headers).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A reply fails when no streamed chunk arrives for this long, the first one included.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>OpenAI-compatible only: retries of a failed request (429, 5xx, network); a caller is waiting, so few.</summary>
    public int MaxRetries { get; init; } = 1;

    /// <summary>Ollama only: how long the model stays loaded after a request (<c>30m</c>, <c>-1</c> for ever); Ollama's default when unset.</summary>
    public string? KeepAlive { get; init; }

    /// <summary>Ollama only: the context window in tokens (<c>num_ctx</c>); the model's default when unset.</summary>
    public int? ContextLength { get; init; }

    /// <summary>Ollama only: whether thinking models think before answering; false answers sooner.</summary>
    public bool? Think { get; init; }

    /// <summary>Names the provider without its key, so logging it never leaks the key.</summary>
    public override string ToString() => $"{Name} ({Type}, {BaseUrl})";
}
