using Parley.Storage.Files;

namespace Parley.Server.Files;

/// <summary>A file opened for download: its row, a header to send first (a recording's WAV header, else empty), its bytes and the total length.</summary>
internal sealed record FileContent(FileRecord File, byte[] Header, Stream Body, long Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Body.DisposeAsync();
}
