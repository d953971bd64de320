namespace Parley.Storage.Telephony;

/// <summary>Phone numbers mapped to agents (migration 70), the calls made through them (migration 71), and the public key Telnyx signs a number's webhooks with (migration 72).</summary>
/// <remarks>
/// A number is unique across teamspaces: a carrier routes it to one account, and the voice webhook finds the number's
/// teamspace by it. The carrier credential is only the name of a secret of the teamspace, never its value.
/// </remarks>
internal static class TelephonySchema
{
    public const string PhoneNumbers = """
        CREATE TABLE phone_numbers (
            id TEXT PRIMARY KEY,
            teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
            number TEXT NOT NULL,
            carrier TEXT NOT NULL,
            account_id TEXT NOT NULL,
            credential_secret TEXT NOT NULL,
            agent_id TEXT NULL,
            greeting TEXT NULL,
            recording {bool} NOT NULL,
            created_at {time} NOT NULL,
            updated_at {time} NOT NULL
        );
        CREATE UNIQUE INDEX ux_phone_numbers_number ON phone_numbers (number);
        CREATE INDEX ix_phone_numbers_teamspace ON phone_numbers (teamspace_id, id);
        """;

    public const string Calls = """
        CREATE TABLE calls (
            id TEXT PRIMARY KEY,
            teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
            phone_number_id TEXT NULL,
            direction TEXT NOT NULL,
            carrier TEXT NOT NULL,
            carrier_call_id TEXT NULL,
            from_number TEXT NOT NULL,
            to_number TEXT NOT NULL,
            agent_id TEXT NULL,
            status TEXT NOT NULL,
            error TEXT NULL,
            conversation_id TEXT NULL,
            message_id TEXT NULL,
            created_at {time} NOT NULL,
            updated_at {time} NOT NULL,
            ended_at {time} NULL
        );
        CREATE INDEX ix_calls_teamspace ON calls (teamspace_id, id);
        CREATE INDEX ix_calls_carrier_call ON calls (carrier, carrier_call_id);
        """;

    public const string WebhookPublicKey = "ALTER TABLE phone_numbers ADD COLUMN webhook_public_key TEXT NULL;";
}
