using Parley.Agents.Embedded;

namespace Parley.Agents.Providers;

/// <summary>
/// Resolves an agent's <c>llm_model</c>: <c>embedded</c> or <c>parley-embedded</c> → the embedded agent;
/// <c>provider/model</c> → that provider and model; a provider's name → its default model; a model some provider
/// lists → that provider; unset → the server default; anything else (an SDK's default such as <c>gemini-2.5-flash</c>)
/// → the server default, marked as a fallback.
/// </summary>
internal sealed class ModelResolver(AgentModelOptions options)
{
    private static readonly ModelRoute EmbeddedRoute = new(null, EmbeddedChatClient.ModelId, IsFallback: false);

    /// <summary>The route for <paramref name="llmModel"/>; never fails once the options are valid.</summary>
    public ModelRoute Resolve(string? llmModel)
    {
        if (string.IsNullOrWhiteSpace(llmModel))
        {
            return ResolveDefault();
        }

        return TryResolve(llmModel.Trim()) ?? ResolveDefault() with { IsFallback = true };
    }

    /// <summary>The route of <see cref="AgentModelOptions.DefaultModel"/>, or null when it names nothing served.</summary>
    public ModelRoute? TryResolveDefault() => TryResolve(options.DefaultModel.Trim());

    private ModelRoute ResolveDefault() =>
        TryResolveDefault() ?? throw new InvalidOperationException($"The default model '{options.DefaultModel}' names no provider or model.");

    private ModelRoute? TryResolve(string name)
    {
        if (IsEmbedded(name))
        {
            return EmbeddedRoute;
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && FindProvider(name[..slash]) is { } named)
        {
            var model = name[(slash + 1)..].Trim();
            return model.Length > 0 ? new ModelRoute(named, model, false) : DefaultOf(named);
        }

        if (FindProvider(name) is { } alone)
        {
            return DefaultOf(alone);
        }

        // Bare model ids may hold '/' themselves (vLLM serves "meta-llama/Llama-3.1-8B-Instruct"), so they are looked up whole.
        foreach (var provider in options.Providers)
        {
            if (provider.Models.FirstOrDefault(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase)) is { } listed)
            {
                return new ModelRoute(provider, listed, false);
            }
        }

        return null;
    }

    /// <summary>True for the names of the embedded agent.</summary>
    public static bool IsEmbedded(string name) =>
        string.Equals(name, AgentModelOptions.Embedded, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, EmbeddedChatClient.ModelId, StringComparison.OrdinalIgnoreCase);

    private ChatProviderOptions? FindProvider(string name) =>
        options.Providers.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static ModelRoute? DefaultOf(ChatProviderOptions provider) =>
        (provider.DefaultModel ?? (provider.Models.Count > 0 ? provider.Models[0] : null)) is { Length: > 0 } model ? new ModelRoute(provider, model, false) : null;
}
