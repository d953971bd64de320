using Dapper;

namespace Parley.Storage.Messages;

public sealed partial class MessageStore
{
    /// <summary>
    /// For each message, the part of its timeline from event <paramref name="offset"/> (0 for the first) on that fits
    /// <paramref name="budget"/>, and how many events it holds in all; messages without events get an empty window.
    /// </summary>
    /// <remarks>
    /// The sizes are read first (ids and lengths only) and the text only of the events chosen, so a timeline of any
    /// size costs the server no more memory than the budget; the events chosen are a run from the offset, so the next
    /// window starts where this one ended.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, TimelineWindow>> ListEventWindowsAsync(
        IReadOnlyCollection<string> messageIds, int offset, TimelineBudget budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var ids = messageIds.Distinct().ToArray();
        var windows = ids.ToDictionary(id => id, _ => TimelineWindow.Empty(offset));
        if (ids.Length == 0)
        {
            return windows;
        }

        var parameters = new DynamicParameters(new { Offset = offset, Last = (long)offset + budget.MaxEvents });
        for (var i = 0; i < ids.Length; i++)
        {
            parameters.Add($"Id{i}", ids[i]);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sizes = await connection.QueryAsync<EventSize>(
            $"""
            SELECT id AS Id, message_id AS MessageId, rn AS Number, total AS Total, size AS Size FROM (
                SELECT id, message_id,
                       ROW_NUMBER() OVER (PARTITION BY message_id ORDER BY id) AS rn,
                       COUNT(*) OVER (PARTITION BY message_id) AS total,
                       COALESCE(LENGTH(text), 0) + COALESCE(LENGTH(citations_json), 0) AS size
                FROM timeline_events WHERE message_id IN ({string.Join(", ", ids.Select((_, i) => $"@Id{i}"))})
            ) w
            WHERE rn > @Offset AND rn <= @Last
            ORDER BY message_id, rn;
            """,
            parameters).ConfigureAwait(false);

        var chosen = new List<(string MessageId, long From, long To, long Total)>();
        foreach (var events in sizes.GroupBy(s => s.MessageId))
        {
            var (count, chars, last) = (0, 0L, 0L);
            foreach (var e in events)
            {
                if (count >= budget.MaxEvents || (chars + e.Size > budget.MaxChars && !(count == 0 && budget.AtLeastOne)))
                {
                    break;
                }

                (count, chars, last) = (count + 1, chars + e.Size, e.Id);
            }

            var first = events.First();
            if (count == 0)
            {
                windows[events.Key] = new TimelineWindow([], offset, first.Total);
            }
            else
            {
                chosen.Add((events.Key, first.Id, last, first.Total));
            }
        }

        // A window past the end still tells how many events the message holds.
        foreach (var id in offset == 0 ? [] : ids.Where(id => windows[id].Total == 0 && chosen.All(c => c.MessageId != id)))
        {
            windows[id] = TimelineWindow.Empty(offset) with { Total = await CountEventsAsync(connection, id).ConfigureAwait(false) };
        }

        if (chosen.Count == 0)
        {
            return windows;
        }

        var ranges = new DynamicParameters();
        var where = new List<string>();
        for (var i = 0; i < chosen.Count; i++)
        {
            ranges.Add($"M{i}", chosen[i].MessageId);
            ranges.Add($"F{i}", chosen[i].From);
            ranges.Add($"T{i}", chosen[i].To);
            where.Add($"(message_id = @M{i} AND id BETWEEN @F{i} AND @T{i})");
        }

        var rows = await connection.QueryAsync<TimelineEventRow>(
            $"SELECT {EventColumns} FROM timeline_events WHERE {string.Join(" OR ", where)} ORDER BY id;", ranges).ConfigureAwait(false);
        var byMessage = rows.GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => g.Select(r => r.ToEvent()).ToList());
        foreach (var (messageId, _, _, total) in chosen)
        {
            windows[messageId] = new TimelineWindow(byMessage.GetValueOrDefault(messageId) ?? [], offset, total);
        }

        return windows;
    }

    private static Task<long> CountEventsAsync(System.Data.Common.DbConnection connection, string messageId)
        => connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM timeline_events WHERE message_id = @Id;", new { Id = messageId });

    private sealed record EventSize
    {
        public long Id { get; init; }
        public required string MessageId { get; init; }
        public long Number { get; init; }
        public long Total { get; init; }
        public long Size { get; init; }
    }
}
