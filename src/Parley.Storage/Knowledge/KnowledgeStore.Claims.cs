using Dapper;

namespace Parley.Storage.Knowledge;

/// <summary>
/// Who ingests a knowledge: one node at a time holds a claim on it, renewed while it works; a claim whose node died
/// lapses at its lease's end, and another node takes the work over.
/// </summary>
/// <remarks>
/// A claim is taken with one conditional <c>UPDATE</c>, so of two nodes asking at once exactly one gets it (PostgreSQL
/// re-checks the condition on the row the other just changed). Each claim is a fresh token that fences the work done
/// under it: a file's outcome is only recorded while its knowledge is still claimed with that token.
/// </remarks>
public sealed partial class KnowledgeStore
{
    /// <summary>Claims a knowledge that has pending files and no live claim, for <paramref name="lease"/>; returns the claim, or null when another node holds it or nothing is pending.</summary>
    public async Task<string?> TryClaimIngestionAsync(string knowledgeId, string node, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var claim = Ids.New();
        var now = timeProvider.StorageNow();
        var claimed = await database.ExecuteWriteAsync(
            """
            UPDATE knowledge SET ingest_claim = @Claim, ingest_node = @Node, ingest_lease_until = @Until
            WHERE id = @Id AND (ingest_lease_until IS NULL OR ingest_lease_until < @Now)
              AND EXISTS (SELECT 1 FROM knowledge_files WHERE knowledge_id = @Id AND status = @Pending);
            """,
            new { Id = knowledgeId, Claim = claim, Node = node, Until = now + lease, Now = now, KnowledgeFileStatus.Pending },
            cancellationToken).ConfigureAwait(false);
        return claimed == 1 ? claim : null;
    }

    /// <summary>Extends a claim by <paramref name="lease"/> from now; false when it is no longer held (the knowledge was deleted, or the claim lapsed and was taken).</summary>
    public async Task<bool> RenewIngestionClaimAsync(string knowledgeId, string claim, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        return await database.ExecuteWriteAsync(
            "UPDATE knowledge SET ingest_lease_until = @Until WHERE id = @Id AND ingest_claim = @Claim;",
            new { Id = knowledgeId, Claim = claim, Until = timeProvider.StorageNow() + lease },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Lets go of a claim, so any node may take what is left at once.</summary>
    public async Task ReleaseIngestionClaimAsync(string knowledgeId, string claim, CancellationToken cancellationToken = default)
    {
        await database.ExecuteWriteAsync(
            "UPDATE knowledge SET ingest_claim = NULL, ingest_node = NULL, ingest_lease_until = NULL WHERE id = @Id AND ingest_claim = @Claim;",
            new { Id = knowledgeId, Claim = claim },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ids of knowledge (in any teamspace) with files waiting and no live claim, oldest first: new work, and work whose node died.</summary>
    public async Task<IReadOnlyList<string>> ListClaimableAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT k.id FROM knowledge k
            WHERE (k.ingest_lease_until IS NULL OR k.ingest_lease_until < @Now)
              AND EXISTS (SELECT 1 FROM knowledge_files f WHERE f.knowledge_id = k.id AND f.status = @Pending)
            ORDER BY k.id;
            """,
            new { Now = timeProvider.StorageNow(), KnowledgeFileStatus.Pending },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    /// <summary>The node holding a live claim on a knowledge, or null.</summary>
    public async Task<string?> FindIngestionNodeAsync(string knowledgeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT ingest_node FROM knowledge WHERE id = @Id AND ingest_lease_until >= @Now;",
            new { Id = knowledgeId, Now = timeProvider.StorageNow() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    // Appended to a file's writes when they are made under a claim: nothing is recorded once the claim was lost.
    private static string UnderClaim(string? claim) => claim is null
        ? string.Empty
        : " AND EXISTS (SELECT 1 FROM knowledge WHERE id = @KnowledgeId AND ingest_claim = @Claim)";
}
