using Dapper;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Database;

/// <summary>Times are stored as UTC instants to the microsecond, and sort in SQL as times, on both engines.</summary>
public abstract class TimeTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : TimeTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : TimeTests(storage), IClassFixture<PostgresStorage>;

    [Fact]
    public async Task A_time_comes_back_as_the_same_instant_in_UTC_to_the_microsecond()
    {
        // 14:30:15.654321 at +02:00, plus 7 ticks (700 ns) that neither engine keeps.
        var local = new DateTimeOffset(2026, 3, 29, 14, 30, 15, 654, 321, TimeSpan.FromHours(2)).AddTicks(7);

        var read = await RoundTripAsync(local);

        Assert.Equal(TimeSpan.Zero, read.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 12, 30, 15, 654, 321, TimeSpan.Zero), read);
    }

    [Fact]
    public async Task A_time_without_fractions_and_one_at_the_smallest_and_largest_microsecond_round_trip()
    {
        var whole = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(whole, await RoundTripAsync(whole));
        Assert.Equal(whole.AddTicks(10), await RoundTripAsync(whole.AddTicks(10)));
        Assert.Equal(whole.AddTicks(-10), await RoundTripAsync(whole.AddTicks(-10)));
    }

    [Fact]
    public async Task Times_sort_in_SQL_as_instants_whatever_their_offset_or_fraction()
    {
        var tag = Ids.New();
        var noon = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        // Written in a scrambled order, and the earliest one with an offset that makes its local time the latest.
        var times = new (string Name, DateTimeOffset At)[]
        {
            ("d", noon.AddSeconds(1).AddTicks(10)),
            ("b", noon),
            ("a", noon.AddHours(-1).ToOffset(TimeSpan.FromHours(5))),
            ("e", noon.AddSeconds(10)),
            ("c", noon.AddTicks(5_000_000)),
        };
        await using var connection = await Database.OpenAsync();
        foreach (var (name, at) in times)
        {
            await connection.ExecuteAsync(
                "INSERT INTO teamspaces (id, name, created_at) VALUES (@Id, @Name, @At);", new { Id = $"{tag}-{name}", Name = tag, At = at });
        }

        var sorted = await connection.QueryAsync<string>("SELECT id FROM teamspaces WHERE name = @Tag ORDER BY created_at;", new { Tag = tag });
        Assert.Equal(["a", "b", "c", "d", "e"], sorted.Select(id => id[^1..]));
        var later = await connection.QueryAsync<string>(
            "SELECT id FROM teamspaces WHERE name = @Tag AND created_at > @At ORDER BY created_at;", new { Tag = tag, At = noon.AddTicks(4_999_990) });
        Assert.Equal(["c", "d", "e"], later.Select(id => id[^1..]));
    }

    [Fact]
    public async Task A_missing_time_is_stored_as_NULL_and_read_back_as_null()
    {
        var teamspace = await NewTeamspaceAsync();
        var id = Ids.New();
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO api_keys (id, teamspace_id, name, prefix, key_hash, is_admin, created_at, revoked_at) VALUES (@Id, @Teamspace, 'k', 'p', @Id, FALSE, @Now, @Revoked);",
            new { Id = id, Teamspace = teamspace, Now = Start, Revoked = (DateTimeOffset?)null });

        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE id = @Id AND revoked_at IS NULL;", new { Id = id }));
        // As the stores read times: as members of a row (Dapper hands a bare nullable scalar's NULL to the handler).
        var row = await connection.QuerySingleAsync<RevokedRow>("SELECT revoked_at FROM api_keys WHERE id = @Id;", new { Id = id });
        Assert.Null(row.RevokedAt);
        Assert.Null(await connection.ExecuteScalarAsync<DateTimeOffset?>("SELECT revoked_at FROM api_keys WHERE id = @Id;", new { Id = id }));
    }

    private async Task<DateTimeOffset> RoundTripAsync(DateTimeOffset at)
    {
        var id = Ids.New();
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO teamspaces (id, name, created_at) VALUES (@Id, 'time', @At);", new { Id = id, At = at });
        var read = await connection.QuerySingleAsync<TimeRow>("SELECT created_at FROM teamspaces WHERE id = @Id;", new { Id = id });
        return read.CreatedAt;
    }

    private sealed record TimeRow
    {
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed record RevokedRow
    {
        public DateTimeOffset? RevokedAt { get; init; }
    }
}
