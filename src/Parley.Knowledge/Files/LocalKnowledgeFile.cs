namespace Parley.Knowledge.Files;

/// <summary>An uploaded file at a path on this node while it is read; a temporary copy is deleted when this is disposed.</summary>
public sealed class LocalKnowledgeFile(string path, bool temporary) : IDisposable
{
    /// <summary>Where the file lies.</summary>
    public string Path { get; } = path;

    public void Dispose()
    {
        if (temporary)
        {
            File.Delete(Path);
        }
    }
}
