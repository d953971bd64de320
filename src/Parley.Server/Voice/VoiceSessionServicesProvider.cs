using Microsoft.Extensions.AI;
using Parley.Server.Engines;
using Parley.Sessions;
using Parley.Sessions.Agents;
using Parley.Storage.Agents;
using Parley.Storage.Conversations;
using Parley.Storage.Messages;

namespace Parley.Server.Voice;

/// <summary>Assembles the shared services of voice sessions once the engines are ready.</summary>
internal sealed class VoiceSessionServicesProvider(
    EngineHost engines,
    IAgentFactory agents,
    AgentStore agentStore,
    ConversationStore conversations,
    MessageStore messages,
    VoiceSessionOptions options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    IEnumerable<IStartReferenceCheck> referenceChecks,
    Parley.Sessions.Conversations.IConversationLocks conversationLocks,
    Parley.Sessions.Orchestration.TaskOrchestrator orchestrator,
    Parley.Sessions.Recording.SessionRecordings recordings,
    IEnumerable<Parley.Sessions.Lifecycle.ISessionObserver> observers,
    Parley.Storage.Knowledge.KnowledgeStore knowledge)
{
    private Task<VoiceSessionServices>? _services;

    /// <summary>The services, waiting for the engines if they are still loading.</summary>
    public Task<VoiceSessionServices> GetAsync() => _services ??= BuildAsync();

    /// <summary>Runs one turn through an agent so the first caller does not pay for loading and compiling its code.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var services = await GetAsync().ConfigureAwait(false);
        var warmUp = new AgentRecord { Id = "warm-up", TeamspaceId = "warm-up", Name = "warm-up" };
        await using var agent = await services.Agents.CreateAsync(
            new AgentSessionContext(warmUp, warmUp.TeamspaceId, [], [], null, SilentAgentEventSink.Instance), cancellationToken).ConfigureAwait(false);
        await foreach (var update in agent.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "what is one plus one")], agent.Options, cancellationToken).ConfigureAwait(false))
        {
            _ = update.Text;
        }
    }

    private async Task<VoiceSessionServices> BuildAsync()
    {
        var loaded = await engines.WhenReady.ConfigureAwait(false);
        return new VoiceSessionServices(
            loaded.VoiceActivity, loaded.Speech, loaded.Resampler,
            agents, agentStore, conversations, messages, options, timeProvider, loggerFactory, [.. referenceChecks], conversationLocks, orchestrator,
            recordings, [.. observers], knowledge);
    }
}
