using System.Text.Json;

namespace Parley.Server.VoiceSessions;

/// <summary>The answer of <c>POST /v1/voice</c>: where to connect, and the first frame to send.</summary>
internal sealed record VoiceSessionResponse(string Url, string AgentId, JsonElement StartMessage)
{
    public string Object => "voice.session";
}
