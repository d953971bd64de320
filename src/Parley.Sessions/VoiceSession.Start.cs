using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.History;
using Parley.Sessions.Lifecycle;
using Parley.Sessions.Transport;
using Parley.Storage.Agents;
using Parley.Storage.Messages;

namespace Parley.Sessions;

public sealed partial class VoiceSession
{
    /// <summary>Validates <c>start</c>, sets up storage and sends <c>started</c>; null when refused.</summary>
    private async Task<LiveSession?> StartAsync(StartPayload start)
    {
        if (_caller.BoundStart is { } bound)
        {
            // A handoff token carries the parameters it was issued for; the start frame may repeat them, not change them.
            if ((start.AgentId is not null && start.AgentId != bound.AgentId) || (start.ConversationId is not null && start.ConversationId != bound.ConversationId))
            {
                SendError(ErrorCodes.InvalidMessage, "This token was issued for another agent or conversation; ask POST /v1/voice for a new one.");
                return null;
            }

            start = bound;
        }

        if (StartRules.Check(start) is { } problem)
        {
            SendError(ErrorCodes.InvalidMessage, problem);
            return null;
        }

        var agent = await ResolveAgentAsync(start.AgentId).ConfigureAwait(false);
        if (agent is null)
        {
            RequestEnd(new EndReason(CloseCodes.PolicyViolation, ErrorCodes.AgentNotFound, $"Agent '{start.AgentId}' was not found."));
            return null;
        }

        var requestedVoice = start.VoiceConfig?.VoicePreset ?? agent.Spec.VoicePreset;
        if (_services.Speech.ResolveVoice(requestedVoice) is not { } voice)
        {
            SendError(ErrorCodes.InvalidMessage, $"Unknown voice_preset '{requestedVoice}'; available: {string.Join(", ", _services.Speech.VoiceNames)}.");
            return null;
        }

        foreach (var check in _services.ReferenceChecks ?? [])
        {
            if (await check.FindMissingAsync(_caller.TeamspaceId, start, _lifetime.Token).ConfigureAwait(false) is { } missing)
            {
                SendError(ErrorCodes.InvalidMessage, missing);
                return null;
            }
        }

        var ephemeral = start.Ephemeral == true;
        var conversations = _services.Conversations;
        string conversationId;
        IReadOnlyList<TranscriptLine> earlier = [];
        if (start.ConversationId is { Length: > 0 } requested)
        {
            var existing = await conversations.FindAsync(_caller.TeamspaceId, requested, _lifetime.Token).ConfigureAwait(false);
            if (existing is null)
            {
                RequestEnd(new EndReason(CloseCodes.PolicyViolation, ErrorCodes.ConversationNotFound, $"Conversation '{requested}' was not found."));
                return null;
            }

            conversationId = existing.Id;
            earlier = await _services.Messages.LoadTranscriptAsync(conversationId, _lifetime.Token).ConfigureAwait(false);
        }
        else
        {
            conversationId = ephemeral
                ? Storage.Ids.New()
                : (await conversations.CreateAsync(_caller.TeamspaceId, name: null, [agent.Id], _lifetime.Token).ConfigureAwait(false)).Id;
        }

        if (!ephemeral && _services.ConversationLocks is { } locks)
        {
            _conversationHold = await locks.TryAcquireAsync(conversationId, _lifetime.Token).ConfigureAwait(false);
            if (_conversationHold is null)
            {
                RequestEnd(new EndReason(
                    CloseCodes.PolicyViolation, ErrorCodes.ConversationBusy,
                    $"Conversation '{conversationId}' is live in another session; try again once it has ended."));
                return null;
            }
        }

        var messageId = Storage.Ids.New();
        if (!ephemeral)
        {
            await _services.Messages.CreateVoiceMessageAsync(messageId, _caller.TeamspaceId, conversationId, agent.Id, _lifetime.Token).ConfigureAwait(false);
            await conversations.TouchAsync(conversationId, agent.Id, _lifetime.Token).ConfigureAwait(false);
        }

        var history = new ConversationHistory(Instructions(agent, start), earlier);
        var live = new LiveSession(
            new LiveSessionSetup(
                _services, _outbox, start, _caller.TeamspaceId, _caller.ApiKeyId, agent, voice, _services.Speech.ResolveRecognizer(agent.Spec.SttModel), messageId,
                ephemeral ? null : _services.Messages, history, conversationId, _connection as IPlaybackLine, OpeningLine),
            RequestEnd,
            _lifetime.Token);
        _outbox.Post(new StartedMessage(new StartedPayload(Id, conversationId, messageId)));
        _started = ephemeral ? null : new SessionStarted(_caller.TeamspaceId, Id, conversationId, messageId, agent.Id, live.StartedAt);
        LogStarted(_logger, Id, conversationId, agent.Id);
        return live;
    }

    private async Task<AgentRecord?> ResolveAgentAsync(string? agentId)
        => agentId is { Length: > 0 }
            ? await _services.AgentStore.FindAsync(_caller.TeamspaceId, agentId, _lifetime.Token).ConfigureAwait(false)
            : await _services.AgentStore.GetDefaultAsync(_caller.TeamspaceId, _lifetime.Token).ConfigureAwait(false);

    /// <summary>The system messages: the session's prompt overrides win over the agent's, and the initial context follows.</summary>
    private static IEnumerable<string> Instructions(AgentRecord agent, StartPayload start)
    {
        yield return start.Config?.SystemPrompt ?? agent.Spec.SystemPrompt ?? string.Empty;
        yield return start.Config?.CustomPrompt ?? agent.Spec.CustomPrompt ?? string.Empty;
        if (start.InitialContext is { Length: > 0 } context)
        {
            yield return $"Context for this conversation, to explain briefly at the start: {context}";
        }
    }
}
