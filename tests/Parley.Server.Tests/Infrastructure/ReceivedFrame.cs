using Parley.Protocol.Messages;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A frame the test client received, raw and parsed, with when it arrived.</summary>
public sealed record ReceivedFrame(VoiceMessage Message, string Json, TimeSpan At);
