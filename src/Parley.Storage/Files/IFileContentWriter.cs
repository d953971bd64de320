namespace Parley.Storage.Files;

/// <summary>Writes the bytes of one file in order, as they come; used by one writer at a time.</summary>
public interface IFileContentWriter : IAsyncDisposable
{
    /// <summary>Bytes written so far.</summary>
    long Length { get; }

    /// <summary>Appends bytes (they may be buffered up to a bounded amount).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Stores whatever is buffered; the bytes are then all stored. Returns the length.</summary>
    ValueTask<long> CompleteAsync(CancellationToken cancellationToken = default);
}
