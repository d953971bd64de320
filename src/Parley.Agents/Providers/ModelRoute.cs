namespace Parley.Agents.Providers;

/// <summary>Where an agent's <c>llm_model</c> leads: a provider and model, or the embedded agent when <see cref="Provider"/> is null.</summary>
/// <param name="Provider">The provider, or null for the embedded agent.</param>
/// <param name="Model">The model id sent to the provider (<c>parley-embedded</c> for the embedded agent).</param>
/// <param name="IsFallback">True when the requested model was unknown and the server default was taken.</param>
internal sealed record ModelRoute(ChatProviderOptions? Provider, string Model, bool IsFallback);
