using Microsoft.Data.Sqlite;
using Parley.Storage.Agents;
using Parley.Storage.Conversations;
using Parley.Storage.Database;
using Parley.Storage.Messages;
using Parley.Storage.Teamspaces;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>A real SQLite database in a temporary folder, migrated, with the default teamspace, its default agent and one conversation; shared by a test class.</summary>
public sealed class TimelineStorage : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parley-timeline-tests", Guid.NewGuid().ToString("N"));
    private ParleyDatabase? _database;

    internal AgentStore Agents { get; private set; } = null!;

    internal ConversationStore Conversations { get; private set; } = null!;

    internal MessageStore Messages { get; private set; } = null!;

    /// <summary>Where recordings go: file rows in the database, their bytes in the folder.</summary>
    internal Parley.Storage.Files.FileStore Files { get; private set; } = null!;

    internal Parley.Storage.Files.IFileContentStore Content { get; private set; } = null!;

    /// <summary>The delegated tasks of orchestrator sessions.</summary>
    internal Parley.Storage.Orchestration.OrchestratorTaskStore Tasks { get; private set; } = null!;

    internal string TeamspaceId => TeamspaceStore.DefaultId;

    /// <summary>A conversation of the default agent that timelines may continue.</summary>
    internal string ConversationId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _database = new ParleyDatabase(new StorageOptions { DataDirectory = _directory });
        await _database.MigrateAsync();
        var time = TimeProvider.System;
        await new TeamspaceStore(_database, time).EnsureDefaultAsync();
        Agents = new AgentStore(_database, time);
        Conversations = new ConversationStore(_database, time);
        Messages = new MessageStore(_database, time);
        Files = new Parley.Storage.Files.FileStore(_database, time);
        Content = Parley.Storage.Files.FileContentStores.For(_database, _directory);
        Tasks = new Parley.Storage.Orchestration.OrchestratorTaskStore(_database, time);
        var agent = await Agents.GetDefaultAsync(TeamspaceId);
        ConversationId = (await Conversations.CreateAsync(TeamspaceId, "timelines", [agent.Id])).Id;
    }

    /// <summary>Sets a task's status (and result) straight in the table, as a worker would have left it.</summary>
    internal async Task SetTaskAsync(string taskId, string status, string? result = null)
    {
        await using var connection = await _database!.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE voice_orchestrator_tasks SET status = $status, result = $result WHERE id = $id;";
        command.Parameters.Add(new SqliteParameter("$status", status));
        command.Parameters.Add(new SqliteParameter("$result", (object?)result ?? DBNull.Value));
        command.Parameters.Add(new SqliteParameter("$id", taskId));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Sets how many times a task has been started, as a crashed server would have left it.</summary>
    internal async Task SetTaskAttemptsAsync(string taskId, int attempts)
    {
        await using var connection = await _database!.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE voice_orchestrator_tasks SET attempts = $attempts WHERE id = $id;";
        command.Parameters.Add(new SqliteParameter("$attempts", attempts));
        command.Parameters.Add(new SqliteParameter("$id", taskId));
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        _database?.Dispose();
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
