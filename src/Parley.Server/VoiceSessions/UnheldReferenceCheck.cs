using Parley.Protocol.Payloads;
using Parley.Sessions;

namespace Parley.Server.VoiceSessions;

/// <summary>Refuses page and secret ids: Parley holds none that a session can name, so any such id is unknown (files are checked by <c>FileReferenceCheck</c>).</summary>
internal sealed class UnheldReferenceCheck : IStartReferenceCheck
{
    public Task<string?> FindMissingAsync(string teamspaceId, StartPayload start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var missing = start.PageIds is [var page, ..] ? $"Page '{page}' was not found."
            : start.SecretIds is [var secret, ..] ? $"Secret '{secret}' was not found."
            : null;
        return Task.FromResult(missing);
    }
}
