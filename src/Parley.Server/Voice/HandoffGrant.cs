using Parley.Protocol.Payloads;

namespace Parley.Server.Voice;

/// <summary>What a handoff token stands for: who asked, and the resolved start parameters.</summary>
internal sealed record HandoffGrant(string TeamspaceId, string ApiKeyId, StartPayload Start);
