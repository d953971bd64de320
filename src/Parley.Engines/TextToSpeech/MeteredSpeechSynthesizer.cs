using System.Runtime.CompilerServices;
using Parley.Engines.Speech;

namespace Parley.Engines.TextToSpeech;

/// <summary>Counts a synthesiser's failures and times its first audio (<see cref="EngineMetrics"/>).</summary>
public sealed class MeteredSpeechSynthesizer(ISpeechSynthesizer inner, TimeProvider? time = null) : DelegatingSpeechSynthesizer(inner)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override async IAsyncEnumerable<SpeechChunk> SynthesizeAsync(SynthesisRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var first = true;
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
            catch (SpeechEngineException)
            {
                EngineMetrics.Failures.Add(1, EngineMetrics.Engine(Name), EngineMetrics.Direction("tts"));
                throw;
            }

            if (first)
            {
                EngineMetrics.FirstChunkLatency.Record(_time.GetElapsedTime(started).TotalMilliseconds, EngineMetrics.Engine(Name));
                first = false;
            }

            yield return chunks.Current;
        }
    }
}
