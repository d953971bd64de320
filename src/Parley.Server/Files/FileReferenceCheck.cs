using Parley.Protocol.Payloads;
using Parley.Sessions;
using Parley.Storage.Files;

namespace Parley.Server.Files;

/// <summary>File ids named by a voice session must be ready files of the caller's teamspace.</summary>
internal sealed class FileReferenceCheck(FileStore files) : IStartReferenceCheck
{
    /// <summary>The most files one session may name.</summary>
    public const int MaxFilesPerSession = 100;

    public async Task<string?> FindMissingAsync(string teamspaceId, StartPayload start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var ids = start.FileIds ?? [];
        if (ids.Count == 0)
        {
            return null;
        }

        if (ids.Count > MaxFilesPerSession)
        {
            return $"A session may name at most {MaxFilesPerSession} files.";
        }

        var found = await files.FindExistingAsync(teamspaceId, ids, cancellationToken).ConfigureAwait(false);
        return ids.FirstOrDefault(id => !found.Contains(id)) is { } missing ? $"File '{missing}' was not found." : null;
    }
}
