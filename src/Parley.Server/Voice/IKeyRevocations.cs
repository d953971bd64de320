namespace Parley.Server.Voice;

/// <summary>Tells every node that a key was revoked, so its live sessions end everywhere at once, not at the next check of <see cref="RevokedKeyWatcher"/>.</summary>
internal interface IKeyRevocations
{
    /// <summary>Ends the key's sessions on this node and, on a cluster, asks the other nodes to end theirs.</summary>
    Task AnnounceAsync(string apiKeyId, CancellationToken cancellationToken = default);
}
