using System.Text.Json;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Server.Api;
using Parley.Server.Engines;
using Parley.Server.Voice;
using Parley.Sessions;
using Parley.Storage.Agents;
using Parley.Storage.Conversations;

namespace Parley.Server.VoiceSessions;

/// <summary><c>POST /v1/voice</c>: checks a session's parameters and hands the caller a single-use WebSocket URL.</summary>
internal static class VoiceSessionEndpoints
{
    public static void MapVoiceSessions(this IEndpointRouteBuilder api)
        => api.MapPost("/voice", StartAsync).WithTags("Voice")
            .Produces<VoiceSessionResponse>().Accepts<StartPayload>("application/json");

    private static async Task<IResult> StartAsync(
        HttpContext context,
        AgentStore agents,
        ConversationStore conversations,
        EngineHost engines,
        IHandoffTokenStore handoffs,
        ApiOptions options,
        IEnumerable<IStartReferenceCheck> referenceChecks)
    {
        var caller = context.Caller();
        var token = context.RequestAborted;
        var start = await JsonBody.ReadAsync(context.Request, ProtocolJsonContext.Default.StartPayload, () => new StartPayload()).ConfigureAwait(false);
        if (StartRules.Check(start) is { } problem)
        {
            throw ApiException.Unprocessable(problem);
        }

        var voice = start.VoiceConfig?.VoicePreset;
        // One rule with the socket's start: the catalog's (engines.Voices is every name it resolves).
        if (voice is not null && engines.Voices.Count > 0 && !engines.Voices.Contains(voice, StringComparer.OrdinalIgnoreCase))
        {
            throw ApiException.Unprocessable($"Unknown voice_preset '{voice}'; available: {string.Join(", ", engines.Voices)}.");
        }

        var agent = start.AgentId is { Length: > 0 } agentId
            ? await agents.FindAsync(caller.TeamspaceId, agentId, token).ConfigureAwait(false) ?? throw ApiException.NotFound($"Agent '{agentId}' was not found.")
            : await agents.GetDefaultAsync(caller.TeamspaceId, token).ConfigureAwait(false);
        if (start.ConversationId is { Length: > 0 } conversationId
            && await conversations.FindAsync(caller.TeamspaceId, conversationId, token).ConfigureAwait(false) is null)
        {
            throw ApiException.NotFound($"Conversation '{conversationId}' was not found.");
        }

        foreach (var check in referenceChecks)
        {
            if (await check.FindMissingAsync(caller.TeamspaceId, start, token).ConfigureAwait(false) is { } missing)
            {
                throw ApiException.NotFound(missing);
            }
        }

        var resolved = start with
        {
            AgentId = agent.Id,
            VoiceMode = start.VoiceMode ?? (start.AgentId is null ? "orchestrator" : "direct_agent"),
        };
        var handoff = await handoffs.IssueAsync(new HandoffGrant(caller.TeamspaceId, caller.ApiKeyId, resolved), options.HandoffTokenLifetime, token).ConfigureAwait(false);
        var startMessage = JsonDocument.Parse(VoiceMessageCodec.Serialize(new StartMessage(resolved))).RootElement;
        var response = new VoiceSessionResponse(SocketUrl(context.Request, handoff), agent.Id, startMessage);
        return ApiResults.Json(response, VoiceSessionsJsonContext.Default.VoiceSessionResponse);
    }

    private static string SocketUrl(HttpRequest request, string token)
        => $"{(request.IsHttps ? "wss" : "ws")}://{request.Host}{request.PathBase}/ws/voice?token={Uri.EscapeDataString(token)}";
}
