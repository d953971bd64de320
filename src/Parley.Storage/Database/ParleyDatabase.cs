using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parley.Storage.Database;

/// <summary>Opens connections to Parley's database (SQLite or PostgreSQL) and brings its schema up to date.</summary>
/// <remarks>
/// Stores write one SQL text for both engines: the schema differs per engine (see <see cref="Migrations"/>), the
/// queries use what both understand (<c>ON CONFLICT</c>, <c>TRUE</c>, row values, <c>LIMIT</c>).
/// </remarks>
public sealed class ParleyDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;

    static ParleyDatabase()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Dapper looks a parameter's type up in its built-in map before it looks for a handler, so without this the
        // handler only reads: SQLite got the provider's own text (any offset, 100 ns digits) and Npgsql refused
        // non-UTC offsets.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    public ParleyDatabase(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Provider = options.Provider;
        _connectionString = options.ResolveConnectionString();
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(_connectionString);
            return;
        }

        var builder = new SqliteConnectionStringBuilder(_connectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>The engine behind this database.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>Opens a pooled connection.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Applies the migrations not yet applied, in order, each in its own transaction.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets sessions write their timelines while others read.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
        }
        else
        {
            // Several nodes may start at once: one migrates, the others wait for it.
            await connection.ExecuteAsync("SELECT pg_advisory_lock(7240291);").ConfigureAwait(false);
        }

        try
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL);").ConfigureAwait(false);
            var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations;").ConfigureAwait(false)).ToHashSet();
            foreach (var migration in Migrations.For(Provider).Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(migration.Sql, transaction: transaction).ConfigureAwait(false);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@Version, @Now);",
                    new { migration.Version, Now = DateTimeOffset.UtcNow.ToString("O") },
                    transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (Provider == DatabaseProvider.Postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(7240291);").ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _postgres?.Dispose();
}
