using System.ClientModel;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace Parley.Engines.Speech;

/// <summary>Builds the <see cref="SpeechEngineException"/> for each kind of remote failure, so every engine words and classifies them alike.</summary>
/// <remarks>Retryable: error statuses worth another try, timeouts, stalls, dropped connections. Not retryable: refusals, unreadable answers.</remarks>
internal static class SpeechEngineFailures
{
    /// <summary>The provider answered an HTTP error status (or refused a WebSocket upgrade with one).</summary>
    public static SpeechEngineException Status(string engine, int status, string? detail, Exception? inner = null)
        => Create(engine, $"{engine} answered HTTP {status}{Detail(detail)}", inner, status, SpeechEngineException.IsRetryableStatus(status));

    /// <summary>The provider did not do <paramref name="what"/> in time (e.g. "did not start speaking").</summary>
    public static SpeechEngineException TimedOut(string engine, string what, TimeSpan after, Exception? inner = null)
        => Create(engine, $"{engine} {what} within {Seconds(after)} s.", inner, status: null, retryable: true);

    /// <summary>The provider fell silent mid-answer.</summary>
    public static SpeechEngineException Stalled(string engine, string what, TimeSpan after, Exception? inner = null)
        => Create(engine, $"{engine} sent nothing for {Seconds(after)} s {what}.", inner, status: null, retryable: true);

    /// <summary>The connection failed or dropped.</summary>
    public static SpeechEngineException Dropped(string engine, string detail, Exception? inner = null)
        => Create(engine, $"{engine}: {OneLine(detail)}", inner, status: null, retryable: true);

    /// <summary>The provider closed its WebSocket while an answer was due.</summary>
    /// <remarks>Going away, internal error, restart, try-again-later and abnormal closures are worth another try; protocol, data and policy closures are not.</remarks>
    public static SpeechEngineException Closed(string engine, WebSocketCloseStatus? status, string? description)
    {
        var code = (int?)status;
        var retryable = code is null or 1000 or 1001 or 1006 or 1011 or 1012 or 1013 or 1014;
        var how = code is { } c ? $"closed the connection ({c}{Detail(description, ", ")})" : "dropped the connection";
        return Create(engine, $"{engine} {how} before it had answered.", inner: null, code, retryable);
    }

    /// <summary>The provider said something this engine cannot read, or reported an error of its own.</summary>
    public static SpeechEngineException Malformed(string engine, string detail, Exception? inner = null)
        => Create(engine, $"{engine} answered something unreadable: {OneLine(detail)}", inner, status: null, retryable: false);

    /// <summary>The provider reported an error in a message of its own.</summary>
    public static SpeechEngineException Reported(string engine, string detail, int? code, bool retryable)
        => Create(engine, $"{engine} reported an error{(code is { } c ? $" ({c})" : "")}: {OneLine(detail)}", inner: null, code, retryable);

    /// <summary>Translates an exception from the OpenAI client (or the HTTP stack under it), so no vendor type reaches a session.</summary>
    public static SpeechEngineException FromClient(string engine, Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ClientResultException { Status: > 0 } result:
                    return Status(engine, result.Status, result.Message, exception);
                case HttpRequestException { StatusCode: HttpStatusCode code }:
                    return Status(engine, (int)code, e.Message, exception);
            }
        }

        return exception switch
        {
            JsonException or FormatException or InvalidDataException => Malformed(engine, exception.Message, exception),
            HttpRequestException or IOException or WebSocketException or ClientResultException => Dropped(engine, exception.Message, exception),
            _ => Create(engine, $"{engine} failed: {OneLine(exception.Message)}", exception, status: null, retryable: false),
        };
    }

    private static SpeechEngineException Create(string engine, string message, Exception? inner, int? status, bool retryable)
        => inner is null
            ? new SpeechEngineException(message) { Engine = engine, StatusCode = status, Retryable = retryable }
            : new SpeechEngineException(message, inner) { Engine = engine, StatusCode = status, Retryable = retryable };

    private static string Detail(string? detail, string separator = ": ")
        => string.IsNullOrWhiteSpace(detail) ? "" : separator + OneLine(detail);

    // Provider clients write their messages over several lines; one line reads better in logs.
    private static string OneLine(string text)
        => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
