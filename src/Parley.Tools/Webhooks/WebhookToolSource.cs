using Microsoft.Extensions.AI;

namespace Parley.Tools.Webhooks;

/// <summary>The agent's webhooks, one tool each, calling in the session's teamspace (whose secrets fill their headers).</summary>
public sealed class WebhookToolSource(WebhookClient client) : IToolSource
{
    public ValueTask<ToolSet> GetToolsAsync(ToolContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var webhooks = context.Agent.Webhooks ?? [];
        return ValueTask.FromResult(ToolSet.Of([.. webhooks.Select(w => (AITool)new WebhookFunction(w, context.TeamspaceId, client))]));
    }
}
