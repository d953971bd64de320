using System.Text.Json;
using Parley.Cli.Tests.Infrastructure;

namespace Parley.Cli.Tests;

/// <summary><c>parley agents|conversations|knowledge|keys</c> against a live server, read back through <c>--json</c>.</summary>
[Collection(CliCollection.Name)]
public sealed class ManagementCommandTests(CliServerFixture server)
{
    [Fact]
    public async Task Agents_are_managed()
    {
        using var cli = new CliRun(server.Url, CliServerFixture.ApiKey);
        var created = await Ok(cli, "agents", "create", "--name", "Librarian", "--description", "Finds books", "--tool", "calculator", "--tool", "get_current_time", "--json");
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(["calculator", "get_current_time"], created.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        Assert.Equal("Head librarian", (await Ok(cli, "agents", "update", id, "--name", "Head librarian", "--json")).GetProperty("name").GetString());
        Assert.Equal("Finds books", (await Ok(cli, "agents", "get", id, "--json")).GetProperty("description").GetString());
        Assert.Contains((await Ok(cli, "agents", "list", "--search", "Head librarian", "--json")).EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        var table = await cli.RunAsync("agents", "list");
        Assert.Contains(id, table.Output, StringComparison.Ordinal);
        Assert.Contains("Head librarian", table.Output, StringComparison.Ordinal);

        Assert.True((await Ok(cli, "agents", "delete", id, "--json")).GetProperty("deleted").GetBoolean());
        Assert.Equal(5, (await cli.RunAsync("agents", "get", id)).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("agents", "create", "--name", "x", "--tool", "no_such_tool")).ExitCode);
    }

    [Fact]
    public async Task Conversations_are_managed()
    {
        using var cli = new CliRun(server.Url, CliServerFixture.ApiKey);
        var id = (await Ok(cli, "conversations", "create", "--name", "Standup", "--json")).GetProperty("id").GetString()!;
        Assert.Equal("Daily standup", (await Ok(cli, "conversations", "rename", id, "Daily standup", "--json")).GetProperty("name").GetString());
        Assert.Contains((await Ok(cli, "conversations", "list", "--json")).EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        Assert.Equal(0, (await Ok(cli, "conversations", "messages", id, "--json")).GetArrayLength());
        Assert.Equal("Daily standup", (await Ok(cli, "conversations", "get", id, "--json")).GetProperty("name").GetString());
        await Ok(cli, "conversations", "delete", id, "--json");
        Assert.Equal(5, (await cli.RunAsync("conversations", "get", id)).ExitCode);
    }

    [Fact]
    public async Task Knowledge_is_managed()
    {
        using var cli = new CliRun(server.Url, CliServerFixture.ApiKey);
        var file = Path.Combine(cli.Home, "notes.md");
        await File.WriteAllTextAsync(file, "# Notes\nThe wifi password is on the fridge.");
        var created = await Ok(cli, "knowledge", "create", file, "--name", "House notes", "--wait", "--json");
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("ready", created.GetProperty("status").GetString());
        Assert.Equal("Notes", (await Ok(cli, "knowledge", "rename", id, "Notes", "--json")).GetProperty("name").GetString());
        Assert.Contains((await Ok(cli, "knowledge", "list", "--json")).EnumerateArray(), k => k.GetProperty("id").GetString() == id);
        Assert.Equal("ready", (await Ok(cli, "knowledge", "get", id, "--json")).GetProperty("status").GetString());
        await Ok(cli, "knowledge", "delete", id);
        Assert.Equal(5, (await cli.RunAsync("knowledge", "get", id)).ExitCode);
    }

    [Fact]
    public async Task Keys_are_managed_with_an_admin_key_only()
    {
        using var admin = new CliRun(server.Url, CliServerFixture.ApiKey);
        var created = await Ok(admin, "keys", "create", "--name", "robot", "--teamspace", "robots", "--json");
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetString()!;
        Assert.Contains((await Ok(admin, "keys", "list", "--teamspace", "robots", "--json")).EnumerateArray(), k => k.GetProperty("id").GetString() == id);

        using var robot = new CliRun(server.Url, key);
        Assert.Equal(4, (await robot.RunAsync("keys", "list")).ExitCode); // 403: not an admin.
        Assert.Equal(0, (await robot.RunAsync("agents", "list")).ExitCode);

        await Ok(admin, "keys", "revoke", id, "--teamspace", "robots");
        Assert.Equal(4, (await robot.RunAsync("agents", "list")).ExitCode);
    }

    private static async Task<JsonElement> Ok(CliRun cli, params string[] args)
    {
        var result = await cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return args.Contains("--json") ? result.Json() : default;
    }
}
