using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Parley.Agents.Embedded;

namespace Parley.Agents.Providers;

/// <summary>
/// Finds each agent's chat client from <see cref="AgentModelOptions"/>: the embedded agent as it is, or a configured
/// provider's model wrapped for voice (<see cref="VoiceChatClient"/>). Provider clients are shared and owned here.
/// </summary>
public sealed partial class ConfiguredChatClients : IAgentChatClients, IDisposable
{
    private readonly ModelResolver _resolver;
    private readonly Dictionary<string, IChatProvider> _providers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ConfiguredChatClients> _logger;
    private readonly ConcurrentDictionary<string, bool> _fallbacksLogged = new(StringComparer.Ordinal);

    /// <summary>Validates <paramref name="options"/> and prepares the providers; throws <see cref="InvalidOperationException"/> naming a bad setting.</summary>
    public ConfiguredChatClients(AgentModelOptions options, TimeProvider timeProvider, ILogger<ConfiguredChatClients> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        AgentModelOptionsValidator.Validate(options);
        _resolver = new ModelResolver(options);
        _timeProvider = timeProvider;
        _logger = logger;
        _providers = options.Providers.ToDictionary(p => p.Name, CreateProvider, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public IChatClient Create(string? llmModel)
    {
        var route = _resolver.Resolve(llmModel);
        if (route.IsFallback && _fallbacksLogged.TryAdd(llmModel!, true))
        {
            LogFallback(_logger, llmModel!, route.Provider?.Name ?? AgentModelOptions.Embedded, route.Model);
        }

        if (route.Provider is not { } options)
        {
            return new EmbeddedChatClient(_timeProvider);
        }

        var shared = _providers[options.Name].GetClient(route.Model);
        return new VoiceChatClient(shared, options.Name, route.Model, options.StallTimeout, _timeProvider);
    }

    /// <summary>Closes the providers' clients.</summary>
    public void Dispose()
    {
        foreach (var provider in _providers.Values)
        {
            provider.Dispose();
        }
    }

    private static IChatProvider CreateProvider(ChatProviderOptions options) => options.Type switch
    {
        ChatProviderTypes.Ollama => new OllamaChatProvider(options),
        _ => new OpenAIChatProvider(options),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "No provider serves the llm_model '{LlmModel}'; agents naming it are answered by the default, {Provider}/{Model}.")]
    private static partial void LogFallback(ILogger logger, string llmModel, string provider, string model);
}
