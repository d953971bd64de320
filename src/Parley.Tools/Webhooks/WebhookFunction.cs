using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Storage.Agents;

namespace Parley.Tools.Webhooks;

/// <summary>One webhook of an agent as a tool the model can call: its name, description and argument schema, calling through <see cref="WebhookClient"/>.</summary>
/// <remarks>Failures throw <see cref="WebhookException"/> (or <see cref="ArgumentException"/> for unusable arguments), so the pipeline reports the call as failed.</remarks>
internal sealed class WebhookFunction(AgentWebhook webhook, string teamspaceId, WebhookClient client) : AIFunction
{
    public override string Name => webhook.Name;

    public override string Description => webhook.Description ?? string.Empty;

    public override JsonElement JsonSchema => webhook.Parameters ?? AgentWebhook.NoParameters;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        => await client.CallAsync(teamspaceId, webhook, arguments, cancellationToken).ConfigureAwait(false);
}
