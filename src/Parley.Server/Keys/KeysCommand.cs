using System.Globalization;
using Parley.Storage.ApiKeys;
using Parley.Storage.Database;
using Parley.Storage.Teamspaces;

namespace Parley.Server.Keys;

/// <summary>
/// Key management from the command line, straight on the database the server uses (no server needs to run):
/// <c>keys create --name NAME [--teamspace ID] [--admin | --operator]</c>, <c>keys list [--teamspace ID]</c>, <c>keys revoke ID [--teamspace ID]</c>.
/// </summary>
/// <remarks>
/// Whoever may run the server's binary on its data holds the operator's power: any teamspace, new ones included. A
/// running server ends the live sessions of a key revoked here within <c>Parley:Api:RevokedKeyCheckInterval</c>.
/// </remarks>
internal static class KeysCommand
{
    public const string Name = "keys";

    /// <summary>Runs the command; returns the process exit code (0 done, 1 not found, 2 usage).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output)
    {
        var verb = args.Count > 0 ? args[0] : string.Empty;
        var teamspace = Option(args, "--teamspace") ?? TeamspaceStore.DefaultId;
        await services.GetRequiredService<ParleyDatabase>().MigrateAsync().ConfigureAwait(false);
        var keys = services.GetRequiredService<ApiKeyStore>();
        switch (verb)
        {
            case "create":
                await services.GetRequiredService<TeamspaceStore>().EnsureAsync(teamspace, teamspace).ConfigureAwait(false);
                var (key, raw) = await keys.CreateAsync(teamspace, Option(args, "--name") ?? "unnamed", args.Contains("--admin"), args.Contains("--operator")).ConfigureAwait(false);
                await output.WriteLineAsync($"Created key {key.Id} in teamspace '{teamspace}' ({Role(key)}).").ConfigureAwait(false);
                await output.WriteLineAsync($"Key (shown once): {raw}").ConfigureAwait(false);
                return 0;
            case "list":
                foreach (var k in await keys.ListAsync(teamspace).ConfigureAwait(false))
                {
                    var state = k.RevokedAt is { } revoked ? $"revoked {revoked.ToString("u", CultureInfo.InvariantCulture)}" : "active";
                    await output.WriteLineAsync($"{k.Id}  {k.Prefix}…  {k.Name}  {Role(k)}  {state}").ConfigureAwait(false);
                }

                return 0;
            case "revoke" when args.Count > 1 && !args[1].StartsWith("--", StringComparison.Ordinal):
                if (await keys.RevokeAsync(teamspace, args[1]).ConfigureAwait(false))
                {
                    await output.WriteLineAsync($"Revoked key {args[1]}.").ConfigureAwait(false);
                    return 0;
                }

                await output.WriteLineAsync($"No active key {args[1]} in teamspace '{teamspace}'.").ConfigureAwait(false);
                return 1;
            default:
                await output.WriteLineAsync("usage: keys create --name NAME [--teamspace ID] [--admin | --operator] | keys list [--teamspace ID] | keys revoke ID [--teamspace ID]").ConfigureAwait(false);
                return 2;
        }
    }

    private static string Role(ApiKeyRecord key) => key.IsOperator ? "operator" : key.IsAdmin ? "admin" : "user";

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }
}
