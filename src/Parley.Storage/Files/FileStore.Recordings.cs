using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.Files;

/// <summary>What voice sessions record: a clip is stored when it closes, the whole call when the session ends.</summary>
public sealed partial class FileStore
{
    private const string ClipColumns = "file_id, message_id, participant_type, participant_id, start_time_ms, duration_ms";

    /// <summary>Marks a clip's bytes stored and records where it lies on the session's clock, in one transaction; false when the file is gone.</summary>
    public async Task<bool> CompleteClipAsync(AudioClipRecord clip, long sizeBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE files SET state = @Ready, size_bytes = @SizeBytes WHERE id = @Id;",
            new { Id = clip.FileId, SizeBytes = sizeBytes, FileStates.Ready }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO audio_clips ({ClipColumns}) VALUES (@FileId, @MessageId, @ParticipantType, @ParticipantId, @StartTimeMs, @DurationMs);",
            clip, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>For each message, its first <paramref name="maxPerMessage"/> clips in time order and how many it has; messages without clips are left out.</summary>
    public async Task<IReadOnlyDictionary<string, ClipWindow>> ListClipsAsync(
        IReadOnlyCollection<string> messageIds, int maxPerMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = messageIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, ClipWindow>();
        }

        var parameters = new DynamicParameters(new { Max = maxPerMessage });
        var list = IdList.Spell(parameters, ids);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ClipRow>(new CommandDefinition(
            $"""
            SELECT {ClipColumns}, total FROM (
                SELECT {ClipColumns},
                       ROW_NUMBER() OVER (PARTITION BY message_id ORDER BY start_time_ms, file_id) AS rn,
                       COUNT(*) OVER (PARTITION BY message_id) AS total
                FROM audio_clips WHERE message_id IN ({list})
            ) w
            WHERE rn <= @Max
            ORDER BY message_id, rn;
            """,
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.GroupBy(r => r.MessageId).ToDictionary(
            g => g.Key,
            g => new ClipWindow([.. g.Select(r => r.ToRecord())], (int)g.First().Total));
    }

    /// <summary>For each message, its whole-call recording when it is ready; messages without one are left out.</summary>
    public async Task<IReadOnlyDictionary<string, FileRecord>> FindCallRecordingsAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = messageIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, FileRecord>();
        }

        var parameters = new DynamicParameters(new { FileKinds.CallRecording, FileStates.Ready });
        var list = IdList.Spell(parameters, ids);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<FileRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM files WHERE kind = @CallRecording AND state = @Ready AND message_id IN ({list}) ORDER BY id;",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.GroupBy(f => f.MessageId!).ToDictionary(g => g.Key, g => g.First());
    }

    private sealed record ClipRow
    {
        public required string FileId { get; init; }
        public required string MessageId { get; init; }
        public required string ParticipantType { get; init; }
        public required string ParticipantId { get; init; }
        public long StartTimeMs { get; init; }
        public long DurationMs { get; init; }
        public long Total { get; init; }

        public AudioClipRecord ToRecord() => new()
        {
            FileId = FileId, MessageId = MessageId, ParticipantType = ParticipantType, ParticipantId = ParticipantId,
            StartTimeMs = StartTimeMs, DurationMs = DurationMs,
        };
    }
}
