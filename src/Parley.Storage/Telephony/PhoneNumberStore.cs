using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Telephony;

/// <summary>Phone numbers of each teamspace. A number belongs to one teamspace, found by the number alone when a call comes in.</summary>
public sealed class PhoneNumberStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "id, teamspace_id, number, carrier, account_id, credential_secret, webhook_public_key, agent_id, greeting, recording, created_at, updated_at";

    /// <summary>The number with this id in this teamspace, or null.</summary>
    public async Task<PhoneNumberRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<PhoneNumberRecord>(
            $"SELECT {Columns} FROM phone_numbers WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false);
    }

    /// <summary>The record of <paramref name="number"/> in a teamspace, or null.</summary>
    public async Task<PhoneNumberRecord?> FindByNumberAsync(string teamspaceId, string number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<PhoneNumberRecord>(
            $"SELECT {Columns} FROM phone_numbers WHERE number = @Number AND teamspace_id = @TeamspaceId;",
            new { Number = number, TeamspaceId = teamspaceId }).ConfigureAwait(false);
    }

    /// <summary>The record of <paramref name="number"/> whichever teamspace holds it: for a carrier's webhook, which names only the number called.</summary>
    public async Task<PhoneNumberRecord?> FindCalledAsync(string number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<PhoneNumberRecord>(
            $"SELECT {Columns} FROM phone_numbers WHERE number = @Number;", new { Number = number }).ConfigureAwait(false);
    }

    /// <summary>
    /// The oldest number of <paramref name="carrier"/>'s account <paramref name="accountId"/>, whichever teamspace: for a webhook
    /// of that account about a number Parley does not have, to check its signature and refuse the call with the account's key.
    /// </summary>
    public async Task<PhoneNumberRecord?> FindByAccountAsync(string carrier, string accountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QueryFirstOrDefaultAsync<PhoneNumberRecord>(
            $"SELECT {Columns} FROM phone_numbers WHERE carrier = @Carrier AND account_id = @AccountId ORDER BY created_at, id;",
            new { Carrier = carrier, AccountId = accountId }).ConfigureAwait(false);
    }

    /// <summary>A page of the teamspace's numbers, newest first.</summary>
    public async Task<IReadOnlyList<PhoneNumberRecord>> ListAsync(string teamspaceId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var (where, orderBy, reverse) = Keyset.For(page, newestFirst: true);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<PhoneNumberRecord>(
            $"SELECT {Columns} FROM phone_numbers WHERE teamspace_id = @TeamspaceId{where}{orderBy};",
            new { TeamspaceId = teamspaceId, page.After, page.Before, page.Limit }).ConfigureAwait(false);
        return Keyset.Arrange(rows, reverse);
    }

    /// <summary>Stores a new number; null when the number is already taken (in any teamspace).</summary>
    public async Task<PhoneNumberRecord?> CreateAsync(PhoneNumberRecord number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(number);
        var now = timeProvider.StorageNow();
        var created = number with { Id = Ids.New(), CreatedAt = now, UpdatedAt = now };
        var inserted = await database.ExecuteWriteAsync(
            $"""
            INSERT INTO phone_numbers ({Columns})
            VALUES (@Id, @TeamspaceId, @Number, @Carrier, @AccountId, @CredentialSecret, @WebhookPublicKey, @AgentId, @Greeting, @Recording, @CreatedAt, @UpdatedAt)
            ON CONFLICT (number) DO NOTHING;
            """,
            created,
            cancellationToken).ConfigureAwait(false);
        return inserted == 1 ? created : null;
    }

    /// <summary>Changes a number atomically (see <c>AgentStore.UpdateAsync</c>); null when there is no such number in the teamspace.</summary>
    public async Task<PhoneNumberRecord?> UpdateAsync(
        string teamspaceId, string id, Func<PhoneNumberRecord, PhoneNumberRecord> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var current = await connection.QuerySingleOrDefaultAsync<PhoneNumberRecord>(
                $"SELECT {Columns} FROM phone_numbers WHERE id = @Id AND teamspace_id = @TeamspaceId{database.ForUpdate};",
                new { Id = id, TeamspaceId = teamspaceId },
                transaction).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            // The number, its carrier and its teamspace never change: a new number is a new record.
            var updated = change(current) with
            {
                Id = current.Id, TeamspaceId = current.TeamspaceId, Number = current.Number, Carrier = current.Carrier,
                CreatedAt = current.CreatedAt, UpdatedAt = timeProvider.StorageNow(),
            };
            await connection.ExecuteAsync(
                """
                UPDATE phone_numbers SET account_id = @AccountId, credential_secret = @CredentialSecret, webhook_public_key = @WebhookPublicKey, agent_id = @AgentId,
                    greeting = @Greeting, recording = @Recording, updated_at = @UpdatedAt WHERE id = @Id;
                """,
                updated,
                transaction).ConfigureAwait(false);
            return updated;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a number; false when there is no such number in the teamspace.</summary>
    public async Task<bool> DeleteAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        return await database.ExecuteWriteAsync(
            "DELETE FROM phone_numbers WHERE id = @Id AND teamspace_id = @TeamspaceId;", new { Id = id, TeamspaceId = teamspaceId }, cancellationToken).ConfigureAwait(false) == 1;
    }
}
