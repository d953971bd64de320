using Parley.Protocol.Payloads;
using Parley.Sessions;

namespace Parley.Server.VoiceSessions;

/// <summary>Refuses file, page and secret ids: Parley holds none of these yet, so any such id is unknown.</summary>
internal sealed class UnheldReferenceCheck : IStartReferenceCheck
{
    public Task<string?> FindMissingAsync(string teamspaceId, StartPayload start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var missing = start.FileIds is [var file, ..] ? $"File '{file}' was not found."
            : start.PageIds is [var page, ..] ? $"Page '{page}' was not found."
            : start.SecretIds is [var secret, ..] ? $"Secret '{secret}' was not found."
            : null;
        return Task.FromResult(missing);
    }
}
