using Dapper;
using Microsoft.Extensions.Time.Testing;
using Parley.Storage.Database;
using Parley.Storage.Teamspaces;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests;

/// <summary>
/// The base of every storage test class. Each derives two nested classes, <c>OnSqlite</c> and <c>OnPostgres</c>, so every
/// test runs on both engines, each class on a fresh database of its own.
/// </summary>
/// <remarks>Tests of a class share its database, so each works in teamspaces it makes for itself.</remarks>
public abstract class StorageTests(StorageFixture storage)
{
    /// <summary>The fake clock's start: it has microseconds, so every test also checks that times survive to the microsecond.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, 123, 456, TimeSpan.Zero);

    protected StorageFixture Storage { get; } = storage;

    protected ParleyDatabase Database => Storage.Database;

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>A new teamspace, for this test alone.</summary>
    protected async Task<string> NewTeamspaceAsync()
    {
        var id = Ids.New();
        await new TeamspaceStore(Database, Time).EnsureAsync(id, $"Teamspace {id}");
        return id;
    }

    /// <summary>Runs a query straight on the database, to see what the stores stored.</summary>
    protected async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }
}
