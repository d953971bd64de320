namespace Parley.Server.Voice;

/// <summary>Revocations on one node on its own: its sessions of the key end at once.</summary>
internal sealed class LocalKeyRevocations(SessionRegistry sessions) : IKeyRevocations
{
    public Task AnnounceAsync(string apiKeyId, CancellationToken cancellationToken = default)
    {
        sessions.EndSessionsOf(apiKeyId);
        return Task.CompletedTask;
    }
}
