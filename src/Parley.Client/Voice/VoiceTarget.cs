using Parley.Protocol.Payloads;

namespace Parley.Client.Voice;

/// <summary>Where to open one connection, how to authenticate, and the start frame to send on it.</summary>
internal sealed record VoiceTarget(Uri Url, string? BearerToken, StartPayload Start);
