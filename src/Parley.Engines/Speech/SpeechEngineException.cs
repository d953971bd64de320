namespace Parley.Engines.Speech;

/// <summary>A speech engine failed: a remote one answered an error status, dropped its connection, stalled or said something unreadable; an embedded one failed.</summary>
/// <remarks>
/// Engines translate their own failures into this type, so no vendor type reaches a session, and the wrappers that
/// retry or fall back decide by <see cref="Retryable"/> alone. A caller's cancellation is never wrapped.
/// </remarks>
public sealed class SpeechEngineException : Exception
{
    public SpeechEngineException()
    {
    }

    public SpeechEngineException(string message)
        : base(message)
    {
    }

    public SpeechEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The engine's name, as configured (<c>pocketsphinx</c>, <c>deepgram</c>, a provider's name).</summary>
    public string? Engine { get; init; }

    /// <summary>The HTTP or WebSocket close status the provider answered with, when it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Whether trying again (or reconnecting) may succeed: a timeout, a stall, 429, 5xx, a dropped connection.</summary>
    public bool Retryable { get; init; }

    /// <summary>Whether an HTTP status is worth another try.</summary>
    public static bool IsRetryableStatus(int status) => status is 408 or 425 or 429 or >= 500;
}
