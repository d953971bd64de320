using Parley.Knowledge.Extraction;

namespace Parley.Knowledge.Files;

/// <summary>Where the bytes of uploaded files are kept until their knowledge is deleted: the data folder of one node, or the database every node reads.</summary>
public interface IKnowledgeFileStore
{
    /// <summary>Saves one file whole (never half); returns its size.</summary>
    Task<long> SaveAsync(string knowledgeId, string fileId, KnowledgeFileType type, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The file as a file on this node, for reading (a temporary copy when it lives in the database; disposing deletes it).</summary>
    /// <exception cref="FileNotFoundException">The file is gone.</exception>
    Task<LocalKnowledgeFile> OpenLocalAsync(string knowledgeId, string fileId, KnowledgeFileType type, CancellationToken cancellationToken = default);

    /// <summary>Deletes every file of a knowledge; files already gone are fine.</summary>
    Task DeleteAsync(string knowledgeId, CancellationToken cancellationToken = default);
}
