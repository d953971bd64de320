using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Parley.Engines.Speech;

namespace Parley.Engines.TextToSpeech;

/// <summary>Says a piece the primary synthesiser fails on (or stalls on) with another one, in its own voice.</summary>
/// <remarks>
/// A failure before any audio is retried on the primary (<paramref name="maxRetries"/> times, retryable failures only),
/// then the whole piece goes to the fallback. A failure midway hands over the words not yet spoken: known exactly when the
/// primary gave word timings, estimated at 2.5 words a second of audio when it did not.
/// </remarks>
public sealed partial class FallbackSpeechSynthesizer(
    ISpeechSynthesizer primary, ISpeechSynthesizer fallback, ILogger logger, int maxRetries = 1) : DelegatingSpeechSynthesizer(primary)
{
    private const double WordsPerSecond = 2.5;

    public override async IAsyncEnumerable<SpeechChunk> SynthesizeAsync(SynthesisRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spoken = TimeSpan.Zero;
        var wordsSpoken = 0;
        var timed = false;
        SpeechEngineException? failure = null;
        for (var attempt = 0; attempt <= maxRetries; attempt++)
        {
            await using var chunks = InnerSynthesizer.SynthesizeAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (SpeechEngineException ex)
                {
                    failure = ex;
                    break;
                }

                var chunk = chunks.Current;
                spoken += chunk.Duration;
                if (chunk.Words is { Count: > 0 } words)
                {
                    timed = true;
                    wordsSpoken += words.Count;
                }

                yield return chunk;
            }

            if (spoken > TimeSpan.Zero || !failure.Retryable)
            {
                break; // Midway, or not worth another try: the fallback takes over.
            }

            LogRetry(logger, failure, Name, attempt + 1);
        }

        var rest = RestOf(request.Text, timed ? wordsSpoken : (int)Math.Floor(spoken.TotalSeconds * WordsPerSecond));
        LogFellBack(logger, failure!, Name, fallback.Name, spoken.TotalMilliseconds);
        EngineMetrics.Fallbacks.Add(1, EngineMetrics.Engine(Name), EngineMetrics.Direction("tts"));
        if (rest.Length == 0)
        {
            yield break;
        }

        await foreach (var chunk in fallback.SynthesizeAsync(request with { Text = rest, Voice = fallback.DefaultVoice, Model = null }, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    /// <summary>The words of <paramref name="text"/> after the first <paramref name="skip"/>.</summary>
    internal static string RestOf(string text, int skip)
        => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(skip));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech synthesiser {Engine} failed a piece before any audio (attempt {Attempt}); trying it again.")]
    private static partial void LogRetry(ILogger logger, Exception exception, string engine, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech synthesiser {Engine} failed a piece after {SpokenMs} ms of audio; {Fallback} says the rest.")]
    private static partial void LogFellBack(ILogger logger, Exception exception, string engine, string fallback, double spokenMs);
}
