using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage.Database;

namespace Parley.Server.Tests.Security;

/// <summary>
/// The data folder under a running server (issue 12, item 10): with the database deleted, writes answered 201, health
/// stayed 200 and the data was gone after a restart; and every file in it was readable by every user.
/// </summary>
public sealed class DataFolderTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task With_the_database_deleted_under_the_server_writes_fail_loudly_and_health_turns_503()
    {
        await using var server = await StartAsync();
        using var api = server.Api();
        (await api.PostAsync("/v1/agents", """{"name": "before"}""")).AssertStatus(HttpStatusCode.Created);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(Path.Combine(_dataDirectory, "parley.db" + suffix));
        }

        for (var i = 0; i < 3; i++)
        {
            var refused = (await api.PostAsync("/v1/agents", """{"name": "after"}""")).AssertError(HttpStatusCode.InternalServerError, "internal_error");
            Assert.Contains("database is unavailable", refused.String("message"), StringComparison.Ordinal);
        }

        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("database_unavailable", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("Status").GetString());
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "parley.db")));
    }

    [Fact]
    public async Task The_data_folder_key_ring_and_database_files_are_private_even_when_an_earlier_start_left_them_readable()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows keeps ACLs, not modes.
        }

        const UnixFileMode OpenFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        const UnixFileMode OpenFile = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var keyRing = Path.Combine(_dataDirectory, "keys");
        Directory.CreateDirectory(keyRing, OpenFolder);
        File.SetUnixFileMode(_dataDirectory, OpenFolder);
        File.SetUnixFileMode(keyRing, OpenFolder);
        var oldKey = Path.Combine(keyRing, "key-old.xml");
        await File.WriteAllTextAsync(oldKey, "<key/>");
        File.SetUnixFileMode(oldKey, OpenFile);
        var database = Path.Combine(_dataDirectory, "parley.db");
        await File.WriteAllBytesAsync(database, []);
        File.SetUnixFileMode(database, OpenFile);

        await using var server = await StartAsync();
        using var api = server.Api();
        (await api.PostAsync("/v1/secrets", """{"name": "TOKEN", "value": "secret-value"}""")).AssertStatus(HttpStatusCode.Created);

        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(_dataDirectory));
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(keyRing));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(oldKey));
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private Task<ConfiguredServerFixture> StartAsync() => ConfiguredServerFixture.StartAsync("--PARLEY_DATA_DIR", _dataDirectory);
}
