using Parley.Protocol.Payloads;

namespace Parley.Server.VoiceSessions;

/// <summary>Checks ids a start payload refers to (knowledge, files, secrets) so <c>POST /v1/voice</c> can refuse unknown ones with 404.</summary>
/// <remarks>Each feature that owns such ids registers one; the voice endpoint needs to know none of them.</remarks>
internal interface IStartReferenceCheck
{
    /// <summary>A message naming the first id not found in the teamspace, or null when all exist.</summary>
    Task<string?> FindMissingAsync(string teamspaceId, StartPayload start, CancellationToken cancellationToken);
}
