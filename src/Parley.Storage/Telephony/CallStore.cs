using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Telephony;

/// <summary>Phone calls of each teamspace, with their status as the carrier and the media stream report it.</summary>
public sealed class CallStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns =
        "id, teamspace_id, phone_number_id, direction, carrier, carrier_call_id, from_number AS \"From\", to_number AS \"To\", agent_id, status, error, "
        + "conversation_id, message_id, created_at, updated_at, ended_at";

    /// <summary>The call with this id in this teamspace, or null.</summary>
    public async Task<CallRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<CallRecord>(
            $"SELECT {Columns} FROM calls WHERE id = @Id AND teamspace_id = @TeamspaceId;", new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false);
    }

    /// <summary>The call with this id, whichever teamspace: for a carrier's status callback, which the call's own URL names.</summary>
    public async Task<CallRecord?> FindAnyAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<CallRecord>($"SELECT {Columns} FROM calls WHERE id = @Id;", new { Id = id }).ConfigureAwait(false);
    }

    /// <summary>The call <paramref name="carrier"/> knows as <paramref name="carrierCallId"/>, or null.</summary>
    public async Task<CallRecord?> FindByCarrierCallIdAsync(string carrier, string carrierCallId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QueryFirstOrDefaultAsync<CallRecord>(
            $"SELECT {Columns} FROM calls WHERE carrier = @Carrier AND carrier_call_id = @CarrierCallId ORDER BY created_at DESC;",
            new { Carrier = carrier, CarrierCallId = carrierCallId }).ConfigureAwait(false);
    }

    /// <summary>A page of the teamspace's calls, newest first.</summary>
    public async Task<IReadOnlyList<CallRecord>> ListAsync(string teamspaceId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var (where, orderBy, reverse) = Keyset.For(page, newestFirst: true);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CallRecord>(
            $"SELECT {Columns} FROM calls WHERE teamspace_id = @TeamspaceId{where}{orderBy};",
            new { TeamspaceId = teamspaceId, page.After, page.Before, page.Limit }).ConfigureAwait(false);
        return Keyset.Arrange(rows, reverse);
    }

    /// <summary>Stores a new call.</summary>
    public async Task<CallRecord> CreateAsync(CallRecord call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var now = timeProvider.StorageNow();
        var created = call with { Id = call.Id.Length > 0 ? call.Id : Ids.New(), CreatedAt = now, UpdatedAt = now };
        // Each call's writes take the process's turn to write, as a session's do (see ParleyDatabase.WriteAsync).
        await database.ExecuteWriteAsync(
            """
            INSERT INTO calls (id, teamspace_id, phone_number_id, direction, carrier, carrier_call_id, from_number, to_number, agent_id, status, error,
                conversation_id, message_id, created_at, updated_at, ended_at)
            VALUES (@Id, @TeamspaceId, @PhoneNumberId, @Direction, @Carrier, @CarrierCallId, @From, @To, @AgentId, @Status, @Error,
                @ConversationId, @MessageId, @CreatedAt, @UpdatedAt, @EndedAt);
            """,
            created,
            cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>
    /// Moves a call on to <paramref name="status"/>, never back (a late <c>ringing</c> after <c>in-progress</c> is ignored, and
    /// a final status stays); the other values are set when given. Null when there is no such call.
    /// </summary>
    public async Task<CallRecord?> AdvanceAsync(
        string id, string status, string? error = null, string? carrierCallId = null, string? conversationId = null, string? messageId = null,
        CancellationToken cancellationToken = default)
    {
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var current = await connection.QuerySingleOrDefaultAsync<CallRecord>(
                $"SELECT {Columns} FROM calls WHERE id = @Id{database.ForUpdate};", new { Id = id }, transaction).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            var moves = !CallStatuses.IsFinal(current.Status) && CallStatuses.Rank(status) >= CallStatuses.Rank(current.Status);
            var now = timeProvider.StorageNow();
            var updated = current with
            {
                Status = moves ? status : current.Status,
                Error = moves && error is not null ? error : current.Error,
                CarrierCallId = carrierCallId ?? current.CarrierCallId,
                ConversationId = conversationId ?? current.ConversationId,
                MessageId = messageId ?? current.MessageId,
                UpdatedAt = now,
                EndedAt = moves && CallStatuses.IsFinal(status) ? now : current.EndedAt,
            };
            await connection.ExecuteAsync(
                """
                UPDATE calls SET status = @Status, error = @Error, carrier_call_id = @CarrierCallId, conversation_id = @ConversationId,
                    message_id = @MessageId, updated_at = @UpdatedAt, ended_at = @EndedAt WHERE id = @Id;
                """,
                updated,
                transaction).ConfigureAwait(false);
            return updated;
        }, cancellationToken).ConfigureAwait(false);
    }
}
