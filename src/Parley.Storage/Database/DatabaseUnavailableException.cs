namespace Parley.Storage.Database;

/// <summary>The database cannot be used: its file was deleted or replaced under the running server, or the server is unreachable.</summary>
/// <remarks>Thrown instead of writing where nothing would be kept, so a write fails loudly rather than answering success.</remarks>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
