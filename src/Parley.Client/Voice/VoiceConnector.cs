using Parley.Protocol.Payloads;

namespace Parley.Client.Voice;

/// <summary>Finds where each connection of a session goes: the first one and every reconnection.</summary>
internal abstract class VoiceConnector
{
    /// <summary>The target for a connection that will start with <paramref name="start"/>.</summary>
    public abstract Task<VoiceTarget> ResolveAsync(StartPayload start, CancellationToken cancellationToken);
}
