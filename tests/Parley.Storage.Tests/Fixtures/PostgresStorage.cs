using Dapper;
using Npgsql;
using Parley.Storage.Database;

namespace Parley.Storage.Tests.Fixtures;

/// <summary>Fresh databases on the PostgreSQL server named by <c>PARLEY_TEST_POSTGRES</c>, dropped afterwards.</summary>
/// <remarks>Without the variable the tests fail rather than skip: a suite that passes without PostgreSQL proves nothing about it.</remarks>
public sealed class PostgresStorage : StorageFixture
{
    /// <summary>The variable holding the connection string of a server the tests may create databases on.</summary>
    public const string Variable = "PARLEY_TEST_POSTGRES";

    private readonly List<(ParleyDatabase Database, string Name)> _databases = [];

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override async Task<ParleyDatabase> CreateDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL storage tests cannot run. Run them through scripts/test.sh, which starts a "
                + $"throwaway PostgreSQL server (scripts/postgres.sh) and sets {Variable}, or set it to the connection string of a "
                + "server where the tests may create and drop databases.");
        }

        var name = $"parley_test_{Guid.NewGuid():N}";
        await AdministerAsync(server, $"CREATE DATABASE {name};");
        var database = new ParleyDatabase(new StorageOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
        });
        _databases.Add((database, name));
        return database;
    }

    public override async Task DisposeAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        foreach (var (database, name) in _databases)
        {
            database.Dispose();
            await AdministerAsync(server!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE);");
        }
    }

    private static async Task AdministerAsync(string server, string sql)
    {
        // Unpooled, so no idle connection to the server's own database outlives the class.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}
