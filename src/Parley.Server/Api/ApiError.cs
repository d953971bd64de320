namespace Parley.Server.Api;

/// <summary>The JSON error body of every REST failure (PROTOCOL.md section 4).</summary>
/// <remarks>
/// Its message is bounded (<see cref="MaxMessageChars"/>) whoever wrote it: many name what the client sent ("unknown
/// tool 'x'"), and an error must never grow with the request (issue 12; the fuzz found a 10,402-character one).
/// </remarks>
public sealed record ApiError(int StatusCode, string Error, string Message, bool Retryable)
{
    /// <summary>The longest message: its head and its end are kept, the middle (where a quote sits) is cut.</summary>
    public const int MaxMessageChars = 500;

    private const int KeptEndChars = 100;

    public string Message { get; init; } = Bounded(Message);

    private static string Bounded(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Length <= MaxMessageChars
            ? message
            : string.Concat(message.AsSpan(0, MaxMessageChars - KeptEndChars - 1), "…", message.AsSpan(message.Length - KeptEndChars));
    }
}
