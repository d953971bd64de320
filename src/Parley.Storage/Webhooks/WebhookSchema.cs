namespace Parley.Storage.Webhooks;

/// <summary>The webhook tables (migration 51): subscriptions, each event's delivery to each, and every attempt at a delivery.</summary>
/// <remarks>
/// A delivery waits in the database until it is delivered or given up, so deliveries survive a restart and any node
/// may make the next attempt (it claims the delivery first, see <see cref="WebhookStore.ClaimAsync"/>). The signing
/// secret is kept only as ciphertext, as secrets are.
/// </remarks>
internal static class WebhookSchema
{
    public const string Sql = """
        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,
            teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
            url TEXT NOT NULL,
            events_json TEXT NOT NULL,
            enabled {bool} NOT NULL,
            protected_secret TEXT NOT NULL,
            created_at {time} NOT NULL,
            updated_at {time} NOT NULL
        );
        CREATE INDEX ix_webhooks_teamspace ON webhooks (teamspace_id, id);
        CREATE TABLE webhook_deliveries (
            id TEXT PRIMARY KEY,
            webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            data_json TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at {time} NOT NULL,
            next_attempt_at {time} NULL,
            completed_at {time} NULL
        );
        CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
        CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
        CREATE INDEX ix_webhook_deliveries_created ON webhook_deliveries (created_at);
        CREATE TABLE webhook_attempts (
            id {serial},
            delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
            attempted_at {time} NOT NULL,
            status_code INTEGER NULL,
            error TEXT NULL,
            duration_ms BIGINT NOT NULL
        );
        CREATE INDEX ix_webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
        """;
}
