namespace Parley.Server.Voice;

/// <summary>How many voice sessions an API key holds at once (<c>Parley:Sessions:MaxSessionsPerKey</c>), on this node or, on a cluster, on all of them.</summary>
internal interface ISessionSlots
{
    /// <summary>Takes one of the key's <paramref name="maxPerKey"/> slots; null when all are taken. Dispose the slot when the session ends.</summary>
    Task<IAsyncDisposable?> TryTakeAsync(string apiKeyId, int maxPerKey, CancellationToken cancellationToken = default);
}
