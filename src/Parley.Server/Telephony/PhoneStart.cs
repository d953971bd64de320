using Parley.Protocol.Payloads;
using Parley.Storage.Telephony;

namespace Parley.Server.Telephony;

/// <summary>The session start a call on a number makes, as a client's <c>start</c> would.</summary>
internal static class PhoneStart
{
    /// <summary>
    /// Starts <paramref name="agentId"/>; a number with recording off runs its calls ephemeral: no conversation, transcript or
    /// timeline is stored (the call's record keeps only where the call went and how it ended).
    /// </summary>
    public static StartPayload For(PhoneNumberRecord number, string agentId)
        => new() { AgentId = agentId, Ephemeral = number.Recording ? null : true };
}
