using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.Knowledge;

/// <summary>Full-text search over indexed passages: FTS5 with BM25 on SQLite, <c>tsvector</c> with <c>ts_rank</c> on PostgreSQL.</summary>
public sealed partial class KnowledgeStore
{
    /// <summary>The most passages one search returns.</summary>
    public const int MaxSearchResults = 100;

    /// <summary>The passages of this teamspace's knowledge that best match <paramref name="query"/>, best first.</summary>
    /// <param name="teamspaceId">Only this teamspace's knowledge is searched, whatever ids are given.</param>
    /// <param name="knowledgeIds">The knowledge to search; null searches all of the teamspace's (the API's "omitted means all"), empty searches none.</param>
    /// <param name="query">Any user text: punctuation, quotes and operators are ignored, never a syntax error.</param>
    /// <param name="limit">At most this many passages (1 to <see cref="MaxSearchResults"/>).</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public async Task<IReadOnlyList<KnowledgePassage>> SearchAsync(
        string teamspaceId, IReadOnlyCollection<string>? knowledgeIds, string query, int limit, CancellationToken cancellationToken = default)
    {
        var terms = SearchTerms.From(query);
        if (terms.Count == 0 || knowledgeIds is { Count: 0 } || limit < 1)
        {
            return [];
        }

        var postgres = database.Provider == DatabaseProvider.Postgres;
        // Npgsql takes a list as one array parameter, SQLite needs Dapper to expand it into IN (...).
        var filter = knowledgeIds is null ? string.Empty : postgres ? " AND c.knowledge_id = ANY(@Ids)" : " AND c.knowledge_id IN @Ids";
        var sql = postgres
            ? $"""
              SELECT c.id AS chunk_id, c.knowledge_id, k.name AS knowledge_name, c.file_id, c.source_name, c.page_number, c.ordinal, c.text,
                     CAST(ts_rank(c.text_search, q.query, 1) AS DOUBLE PRECISION) AS score
              FROM knowledge_chunks c
              JOIN knowledge k ON k.id = c.knowledge_id
              CROSS JOIN to_tsquery('english', @Match) AS q(query)
              WHERE c.text_search @@ q.query AND k.teamspace_id = @TeamspaceId{filter}
              ORDER BY score DESC, c.id
              LIMIT @Limit;
              """
            : $"""
              SELECT c.id AS chunk_id, c.knowledge_id, k.name AS knowledge_name, c.file_id, c.source_name, c.page_number, c.ordinal, c.text,
                     -bm25(knowledge_chunks_fts) AS score
              FROM knowledge_chunks_fts
              JOIN knowledge_chunks c ON c.id = knowledge_chunks_fts.rowid
              JOIN knowledge k ON k.id = c.knowledge_id
              WHERE knowledge_chunks_fts MATCH @Match AND k.teamspace_id = @TeamspaceId{filter}
              ORDER BY bm25(knowledge_chunks_fts), c.id
              LIMIT @Limit;
              """;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<KnowledgePassage>(new CommandDefinition(
            sql,
            new
            {
                TeamspaceId = teamspaceId,
                Ids = knowledgeIds?.Distinct(StringComparer.Ordinal).ToArray(),
                Match = postgres ? SearchTerms.ToTsQuery(terms) : SearchTerms.ToFts5(terms),
                Limit = Math.Min(limit, MaxSearchResults),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }
}
