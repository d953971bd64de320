using Parley.Protocol.Payloads;
using Parley.Sessions;
using Parley.Storage.Knowledge;

namespace Parley.Server.Knowledge;

/// <summary>Knowledge ids named by a voice session or an agent must exist in the caller's teamspace.</summary>
internal sealed class KnowledgeReferenceCheck(KnowledgeStore knowledge) : IStartReferenceCheck
{
    public Task<string?> FindMissingAsync(string teamspaceId, StartPayload start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        return FindMissingAsync(teamspaceId, start.KnowledgeIds ?? [], cancellationToken);
    }

    /// <summary>A message naming the first knowledge id not in the teamspace, or null.</summary>
    public async Task<string?> FindMissingAsync(string teamspaceId, IReadOnlyList<string> knowledgeIds, CancellationToken cancellationToken)
    {
        foreach (var id in knowledgeIds)
        {
            if (await knowledge.FindAsync(teamspaceId, id, cancellationToken).ConfigureAwait(false) is null)
            {
                return $"Knowledge '{id}' was not found.";
            }
        }

        return null;
    }
}
