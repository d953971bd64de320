using Parley.Protocol.Payloads;

namespace Parley.Sessions;

/// <summary>Checks ids a start payload refers to (knowledge, files, secrets), so <c>POST /v1/voice</c> and a socket's <c>start</c> refuse unknown ones alike.</summary>
/// <remarks>Each feature that owns such ids registers one; neither the voice endpoint nor the session needs to know them.</remarks>
public interface IStartReferenceCheck
{
    /// <summary>A message naming the first id not found in the teamspace, or null when all exist.</summary>
    Task<string?> FindMissingAsync(string teamspaceId, StartPayload start, CancellationToken cancellationToken);
}
