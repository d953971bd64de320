namespace Parley.Agents.Providers;

/// <summary>Which language models answer agents: the server-wide default and the configured providers (section <c>Parley:Agents</c>).</summary>
public sealed record AgentModelOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Parley:Agents";

    /// <summary>The name of the embedded, offline agent.</summary>
    public const string Embedded = "embedded";

    /// <summary>
    /// The model of agents that name none, or one no provider serves: <c>embedded</c>, <c>provider/model</c>,
    /// a provider's name (its default model) or a model a provider lists.
    /// </summary>
    public string DefaultModel { get; init; } = Embedded;

    /// <summary>The language model servers agents may use.</summary>
    public IReadOnlyList<ChatProviderOptions> Providers { get; init; } = [];
}
