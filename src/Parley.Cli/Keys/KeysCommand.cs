using System.CommandLine;
using Parley.Cli.Common;
using Parley.Client.Keys;

namespace Parley.Cli.Keys;

/// <summary><c>parley keys list|create|revoke</c>, through the server's admin API (an admin key is needed).</summary>
internal static class KeysCommand
{
    private static readonly Argument<string> Id = new("id") { Description = "The key's id" };
    private static readonly Option<string?> Teamspace = new("--teamspace") { Description = "The teamspace (default: the admin key's own; another one needs the operator key)" };
    private static readonly Option<string> Name = new("--name") { Description = "What the key is for", Required = true };
    private static readonly Option<bool> Admin = new("--admin") { Description = "Give the key admin rights" };

    public static Command Create(CliContext context)
    {
        var list = new Command("list", "List keys (prefixes only)") { Teamspace }.WithAction(context, ListAsync);
        var create = new Command("create", "Create a key; it is shown once") { Name, Teamspace, Admin }.WithAction(context, CreateAsync);
        var revoke = new Command("revoke", "Revoke a key: it stops working at once") { Id, Teamspace }.WithAction(context, async (s, ct) =>
        {
            using var client = s.CreateClient();
            await client.Keys.RevokeAsync(s.Value(Id), s.Value(Teamspace), ct).ConfigureAwait(false);
            return Agents.AgentsCommand.Deleted(s, s.Value(Id), "api_key");
        });
        return new Command("keys", "Manage API keys (needs an admin key)") { list, create, revoke };
    }

    private static async Task<int> ListAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        using var client = scope.CreateClient();
        var keys = await client.Keys.ListAsync(scope.Value(Teamspace), cancellationToken).ConfigureAwait(false);
        if (scope.Json)
        {
            Output.WriteJson(scope.Context, keys);
            return ExitCodes.Ok;
        }

        var table = Output.Table("id", "prefix", "name", "teamspace", "role", "state");
        foreach (var key in keys)
        {
            table.AddEscapedRow(key.Id, key.Prefix + "…", key.Name, key.TeamspaceId, key.IsOperator ? "operator" : key.IsAdmin ? "admin" : "user", key.RevokedAt is { } revoked ? $"revoked {Output.Time(revoked)}" : "active");
        }

        scope.Context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> CreateAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        using var client = scope.CreateClient();
        var key = await client.Keys.CreateAsync(new ApiKeyRequest { Name = scope.Value(Name), TeamspaceId = scope.Value(Teamspace), IsAdmin = scope.Value(Admin) ? true : null }, cancellationToken).ConfigureAwait(false);
        if (scope.Json)
        {
            Output.WriteJson(scope.Context, key);
            return ExitCodes.Ok;
        }

        scope.Context.Out.WriteLine($"Created key {key.Id} in teamspace '{key.TeamspaceId}'{(key.IsAdmin ? " (admin)" : string.Empty)}.");
        scope.Context.Out.WriteLine($"Key (shown once): {key.Key}");
        return ExitCodes.Ok;
    }
}
