using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Storage.Agents;
using Parley.Storage.Secrets;
using Parley.Tools.Secrets;
using Parley.Tools.Webhooks;

namespace Parley.Server.Bootstrap;

/// <summary>
/// Moves credentials that agents stored in clear in their MCP servers' and webhooks' headers (before such values were
/// refused) into encrypted secrets bound to the server's host, leaving <c>{{secret:NAME}}</c> in their place.
/// </summary>
/// <remarks>Runs at every start; once an agent is upgraded there is nothing left to find, so it costs one query.</remarks>
internal sealed partial class CredentialHeaderUpgrade(AgentStore agents, SecretStore secrets, ILogger<CredentialHeaderUpgrade> logger)
{
    private const int PageSize = 100;
    private const int MaxAttempts = 100;

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            var page = await agents.ScanAsync("\"headers\"", after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var agent in page)
            {
                await UpgradeAsync(agent, cancellationToken).ConfigureAwait(false);
            }

            if (page.Count < PageSize)
            {
                return;
            }

            after = page[^1].Id;
        }
    }

    private async Task UpgradeAsync(AgentRecord agent, CancellationToken cancellationToken)
    {
        var moved = 0;
        var servers = new List<JsonElement>();
        foreach (var entry in agent.Spec.McpServers ?? [])
        {
            if (entry.ValueKind != JsonValueKind.Object || JsonNode.Parse(entry.GetRawText()) is not JsonObject item
                || item["headers"] is not JsonObject headers)
            {
                servers.Add(entry);
                continue;
            }

            var url = item["url"] is JsonValue u && u.TryGetValue<string>(out var text) && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null;
            var name = item["name"] is JsonValue n && n.TryGetValue<string>(out var named) ? named : url?.Host ?? "unnamed";
            foreach (var (header, value) in headers.ToList())
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var clear) && CredentialHeaders.IsInClear(header, clear))
                {
                    headers[header] = await MoveAsync(agent, $"MCP server {name}", header, clear, url, cancellationToken).ConfigureAwait(false);
                    moved++;
                }
            }

            servers.Add(JsonSerializer.SerializeToElement(item));
        }

        var webhooks = new List<AgentWebhook>();
        foreach (var webhook in agent.Spec.Webhooks ?? [])
        {
            var headers = new Dictionary<string, string>(webhook.Headers, StringComparer.OrdinalIgnoreCase);
            foreach (var (header, clear) in webhook.Headers.Where(h => CredentialHeaders.IsInClear(h.Key, h.Value)))
            {
                headers[header] = await MoveAsync(agent, $"webhook {webhook.Name}", header, clear, WebhookUrlTemplate.Origin(webhook.Url), cancellationToken).ConfigureAwait(false);
                moved++;
            }

            webhooks.Add(webhook with { Headers = headers });
        }

        if (moved == 0)
        {
            return;
        }

        var spec = agent.Spec with
        {
            McpServers = agent.Spec.McpServers is null ? null : servers,
            Webhooks = agent.Spec.Webhooks is null ? null : webhooks,
        };
        await agents.UpdateAsync(agent.TeamspaceId, agent.Id, agent.Name, spec, cancellationToken).ConfigureAwait(false);
        LogMoved(agent.TeamspaceId, agent.Id, moved);
    }

    /// <summary>Stores <paramref name="value"/> as a secret bound to <paramref name="target"/>'s host (to none without one) and gives the reference that replaces it.</summary>
    private async Task<string> MoveAsync(AgentRecord agent, string owner, string header, string value, Uri? target, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> hosts = target is null ? [] : [target.IdnHost];
        var baseName = Clean($"{header} of {owner} of agent {agent.Id}");
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var name = attempt == 1 ? baseName : $"{baseName} ({attempt})";
            if (await secrets.CreateAsync(agent.TeamspaceId, name, value, hosts, cancellationToken).ConfigureAwait(false) is not null)
            {
                return $"{{{{secret:{name}}}}}";
            }
        }

        throw new InvalidOperationException($"No free secret name for '{baseName}' after {MaxAttempts} attempts.");
    }

    /// <summary>A name a secret may have: no braces or control characters, each user-chosen part kept short.</summary>
    private static string Clean(string name)
    {
        var clean = new string([.. name.Select(c => c is '{' or '}' || char.IsControl(c) ? '_' : c)]).Trim();
        return clean.Length <= SecretReferences.MaxNameChars - 8 ? clean : clean[..(SecretReferences.MaxNameChars - 8)].TrimEnd();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teamspace {TeamspaceId}: agent {AgentId} held {Count} credential header(s) in clear; they are now encrypted secrets bound to their hosts")]
    private partial void LogMoved(string teamspaceId, string agentId, int count);
}
