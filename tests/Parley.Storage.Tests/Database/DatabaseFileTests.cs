using Dapper;
using Microsoft.Data.Sqlite;
using Parley.Storage.Database;
using Parley.Storage.Teamspaces;

namespace Parley.Storage.Tests.Database;

/// <summary>
/// The database under the running server: a SQLite file deleted or replaced, PostgreSQL out of reach, and who may read
/// the files (issue 12, item 10). Pooled connections kept writing into a deleted file, so writes answered 201 and
/// the data was gone after a restart.
/// </summary>
public sealed class DatabaseFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "parley-storage-tests", Guid.NewGuid().ToString("N"));

    private string DatabaseFile => Path.Combine(_folder, "parley.db");

    [Fact]
    public async Task A_database_file_deleted_under_pooled_connections_fails_every_call_and_no_empty_file_takes_its_place()
    {
        using var database = new ParleyDatabase(new StorageOptions { DataDirectory = _folder });
        await database.MigrateAsync();
        var teamspaces = new TeamspaceStore(database, TimeProvider.System);
        await teamspaces.EnsureAsync("before", "before");
        Assert.Null(await database.CheckAsync());

        DeleteDatabaseFiles();

        var refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => teamspaces.EnsureAsync("after", "after"));
        Assert.Contains(DatabaseFile, refused.Message, StringComparison.Ordinal);
        Assert.Contains("gone", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => teamspaces.EnsureAsync("again", "again"));
        Assert.Contains("gone", await database.CheckAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(DatabaseFile));
    }

    [Fact]
    public async Task Every_connection_to_the_file_writes_ahead_and_syncs_at_checkpoints()
    {
        using var database = new ParleyDatabase(new StorageOptions { DataDirectory = _folder });
        await database.MigrateAsync();
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await database.OpenAsync();
            Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA synchronous;")); // 1 = NORMAL (2 = FULL, the default)
        }
    }

    [Fact]
    public async Task A_replaced_database_file_refuses_the_call_that_notices_and_the_next_call_uses_the_new_file()
    {
        using var database = new ParleyDatabase(new StorageOptions { DataDirectory = _folder });
        await database.MigrateAsync();
        await new TeamspaceStore(database, TimeProvider.System).EnsureAsync("old", "old");

        var other = Path.Combine(_folder, "other");
        using (var restored = new ParleyDatabase(new StorageOptions { DataDirectory = other }))
        {
            await restored.MigrateAsync();
            await new TeamspaceStore(restored, TimeProvider.System).EnsureAsync("restored", "restored");

            // Its last connection closed, SQLite folds the WAL into the file, which is then whole on its own.
            await using var last = await restored.OpenAsync();
            SqliteConnection.ClearPool((SqliteConnection)last);
        }

        File.Move(Path.Combine(other, "parley.db"), DatabaseFile + ".new");
        DeleteDatabaseFiles();
        File.Move(DatabaseFile + ".new", DatabaseFile);

        // Only pooled connections of the old file can notice; open one of them again.
        var refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => database.OpenAsync());
        Assert.Contains("replaced", refused.Message, StringComparison.Ordinal);
        await using var connection = await database.OpenAsync();
        Assert.Equal(["restored"], await connection.QueryAsync<string>("SELECT id FROM teamspaces;"));
    }

    [Fact]
    public async Task PostgreSQL_out_of_reach_fails_calls_as_unavailable_and_the_check_says_so()
    {
        using var database = new ParleyDatabase(new StorageOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=127.0.0.1;Port=1;Username=parley;Database=parley;Timeout=2",
        });

        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => database.OpenAsync());
        Assert.Contains("PostgreSQL cannot be reached", await database.CheckAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_folder_and_the_database_files_are_made_private_and_ones_left_readable_before_are_fixed()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows keeps ACLs, not modes.
        }
        using (var database = new ParleyDatabase(new StorageOptions { DataDirectory = _folder }))
        {
            await database.MigrateAsync();
            await new TeamspaceStore(database, TimeProvider.System).EnsureAsync("t", "t");
        }

        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(_folder));
        foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
        {
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
        }

        // As an earlier version left them: readable by everyone.
        const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(_folder, Open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(DatabaseFile, Open);
        File.SetUnixFileMode(DatabaseFile + "-wal", Open);

        using (var again = new ParleyDatabase(new StorageOptions { DataDirectory = _folder }))
        {
            await again.MigrateAsync();
        }

        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(_folder));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(DatabaseFile));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(DatabaseFile + "-wal"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void DeleteDatabaseFiles()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(DatabaseFile + suffix);
        }
    }
}
