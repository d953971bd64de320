using Parley.Client.VoiceSessions;
using Parley.Protocol.Payloads;

namespace Parley.Client.Voice;

/// <summary>Asks <c>POST /v1/voice</c> for a single-use URL before every connection, so each reconnection gets a fresh one.</summary>
internal sealed class HandoffVoiceConnector(VoiceSessionsClient voiceSessions) : VoiceConnector
{
    public override async Task<VoiceTarget> ResolveAsync(StartPayload start, CancellationToken cancellationToken)
    {
        var handoff = await voiceSessions.CreateAsync(start, cancellationToken).ConfigureAwait(false);
        return new VoiceTarget(handoff.Url, null, handoff.Start);
    }
}
