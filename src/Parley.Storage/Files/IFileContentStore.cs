namespace Parley.Storage.Files;

/// <summary>Where the bytes of files live: in the database (PostgreSQL) or in the data folder (SQLite), behind one contract.</summary>
/// <remarks>
/// Bytes are written as they come (<see cref="CreateAsync"/>), never held whole, so a long recording costs no memory
/// and a crash keeps what was written. The file's row is the truth: bytes without a row are garbage, found by
/// <see cref="ListOrphanCandidatesAsync"/> and deleted by the sweeper. Implementations are thread-safe.
/// </remarks>
public interface IFileContentStore
{
    /// <summary>Starts the bytes of a file (its row must exist first); write them, then complete or dispose the writer.</summary>
    Task<IFileContentWriter> CreateAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>Reads the bytes of a file from the start; null when none are stored.</summary>
    Task<Stream?> OpenReadAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>How many bytes are stored for a file (0 when none).</summary>
    Task<long> LengthAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the bytes of a file; nothing stored is fine.</summary>
    Task DeleteAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>Files whose bytes are stored and were last written before <paramref name="before"/>: those without a row are garbage.</summary>
    /// <remarks>A store whose bytes go with their row (a foreign key) has none to offer.</remarks>
    IAsyncEnumerable<string> ListOrphanCandidatesAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
