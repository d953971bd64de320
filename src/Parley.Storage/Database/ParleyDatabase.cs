using System.Data;
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
    private static readonly string[] SqliteCompanions = ["-wal", "-shm", "-journal"];

    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly SemaphoreSlim _sqliteWriters = new(1, 1);

    // The SQLite file, made (private) here: from then on a missing file is an error, never a new empty database.
    private readonly string? _sqliteFile;

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
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }

        _sqliteFile = Path.GetFullPath(builder.DataSource);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(_sqliteFile)!);
        // SQLite gives its WAL and shared-memory files the database file's mode, so a private file keeps them private too.
        PrivateFiles.CreateFile(_sqliteFile);
        RestrictCompanions();
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
            _connectionString = builder.ToString();
        }
    }

    /// <summary>The engine behind this database.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>What to put after a <c>SELECT</c> that reads a row to write it back in a <see cref="WriteAsync"/>: a row lock on PostgreSQL; SQLite's transaction already holds the write lock.</summary>
    public string ForUpdate => Provider == DatabaseProvider.Postgres ? " FOR UPDATE" : string.Empty;

    /// <summary>Opens a pooled connection.</summary>
    /// <exception cref="DatabaseUnavailableException">The SQLite file was deleted or replaced under the server, or PostgreSQL cannot be reached.</exception>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            try
            {
                return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                throw new DatabaseUnavailableException($"PostgreSQL cannot be reached: {ex.Message}", ex);
            }
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (_sqliteFile is not null && !File.Exists(_sqliteFile))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw FileGone(ex);
        }

        if (_sqliteFile is not null)
        {
            // With the write-ahead log, NORMAL syncs at checkpoints instead of at every commit: a commit still survives
            // the process being killed (it is in the system's cache) and the file cannot be corrupted; only a power cut
            // can take the last commits. FULL synced each commit, ~150 ms on the CI machine's disk, and the first audio
            // of every answer waits for the question to be stored (docs/TURN-TAKING.md).
            await using var synchronous = connection.CreateCommand();
            synchronous.CommandText = "PRAGMA synchronous=NORMAL;";
            await synchronous.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_sqliteFile is not null && SqliteFileIdentity.HasMoved(connection, _sqliteFile))
        {
            // The pool's connections all hold the old file: drop them, so a restored file is used from the next call on.
            SqliteConnection.ClearPool(connection);
            await connection.DisposeAsync().ConfigureAwait(false);
            throw File.Exists(_sqliteFile)
                ? new DatabaseUnavailableException($"The database file {_sqliteFile} was replaced while the server ran; this call was refused and the new file is used from the next one.")
                : FileGone(null);
        }

        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that reads rows and writes them back with no other writer in
    /// between, and commits it: SQLite takes its write lock at the start (<c>BEGIN IMMEDIATE</c>); on PostgreSQL the
    /// reads take row locks with <see cref="ForUpdate"/>.
    /// </summary>
    /// <remarks>
    /// On SQLite, writers of this process take turns here first, waiting asynchronously: SQLite has one writer at a time
    /// anyway, and a writer that finds it busy is retried with sleeps that hold a thread, which under many sessions
    /// starves the thread pool and can keep an unlucky writer waiting for many seconds.
    /// </remarks>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_postgres is null)
        {
            await _sqliteWriters.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await WriteInTransactionAsync(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_postgres is null)
            {
                _sqliteWriters.Release();
            }
        }
    }

    /// <summary>Runs one writing statement as <see cref="WriteAsync"/> does (on SQLite, taking this process's turn to write); returns the rows it changed.</summary>
    public Task<int> ExecuteWriteAsync(string sql, object? parameters, CancellationToken cancellationToken = default)
        => WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)), cancellationToken);

    private async Task<T> WriteInTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (NpgsqlException ex) when (IsConnectionLost(ex))
        {
            // A pooled connection from before a restart, or the server going away mid-write: an outage, as when it
            // cannot be reached at all. Npgsql has emptied the pool, so the next call connects afresh.
            throw new DatabaseUnavailableException($"PostgreSQL went away during a write (it may or may not have been committed): {ex.Message}", ex);
        }
    }

    /// <summary>Whether PostgreSQL dropped the connection (a restart, a network failure), as opposed to refusing the statement.</summary>
    /// <remarks>Class 08 is a connection exception, 57P an operator's intervention (shutdown, crash, not accepting yet).</remarks>
    private static bool IsConnectionLost(DbException exception) => exception is PostgresException postgres
        ? postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
        : exception is NpgsqlException { IsTransient: true };

    /// <summary>Null when the database answers a query; otherwise what is wrong (for the readiness check).</summary>
    /// <remarks>
    /// A connection the pool kept from before a PostgreSQL restart fails at its first query, and Npgsql then empties the
    /// pool: the check asks once more, on a new connection, so a database that is back is not reported away.
    /// </remarks>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1;", cancellationToken: cancellationToken)).ConfigureAwait(false);
                return null;
            }
            catch (DbException ex) when (attempt == 1 && IsConnectionLost(ex))
            {
                // Asked once more: the loop's second turn opens a new connection.
            }
            catch (DatabaseUnavailableException ex)
            {
                return ex.Message;
            }
            catch (DbException ex)
            {
                return $"The database failed a query: {ex.Message}";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return "The database did not answer in time.";
            }
        }
    }

    /// <summary>Applies the migrations not yet applied, in order, each in its own transaction.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets sessions write their timelines while others read.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
            RestrictCompanions();
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

    private void RestrictCompanions()
    {
        if (_sqliteFile is null)
        {
            return;
        }

        foreach (var suffix in SqliteCompanions)
        {
            PrivateFiles.RestrictFile(_sqliteFile + suffix);
        }
    }

    private DatabaseUnavailableException FileGone(Exception? inner)
    {
        var message = $"The database file {_sqliteFile} is gone (deleted while the server ran); nothing can be stored until it is restored and the server restarted.";
        return inner is null ? new DatabaseUnavailableException(message) : new DatabaseUnavailableException(message, inner);
    }
}
