namespace Parley.Client.Voice;

/// <summary>Settings of a <see cref="VoiceSession"/>.</summary>
public sealed record VoiceSessionOptions
{
    /// <summary>What to do when the connection drops unexpectedly.</summary>
    public ReconnectPolicy Reconnect { get; init; } = ReconnectPolicy.Default;

    /// <summary>How long to wait for <c>started</c> and <c>ready</c> after sending <c>start</c> (default 30 s).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="VoiceSession.StopAsync"/> waits for <c>ended</c> before dropping the connection (default 10 s).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the socket pings the server (default 15 s).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A ping unanswered this long counts as a dropped connection (default 20 s).</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Audio chunks queued for sending before <c>VoiceSession.SendAudioAsync</c> waits (default 32).</summary>
    public int AudioQueueCapacity { get; init; } = 32;

    /// <summary>The clock of backoff waits, for tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
