using System.Text.Json;

namespace Parley.Client.VoiceSessions;

/// <summary>The raw answer of <c>POST /v1/voice</c>.</summary>
internal sealed record VoiceSessionAnswer(string Url, string AgentId, JsonElement StartMessage);
