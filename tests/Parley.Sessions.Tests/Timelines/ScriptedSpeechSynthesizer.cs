using System.Runtime.CompilerServices;
using Parley.Engines.TextToSpeech;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>A synthesiser that speaks 60 to 200 ms of a quiet tone at 16 kHz per piece, its loudness rising and falling like syllables, after a delay of up to <paramref name="maxDelayMs"/>; when <paramref name="streaming"/>, in two chunks with word timings.</summary>
/// <remarks><paramref name="pieceScale"/> lengthens every piece that many times (a harness test that talks over the agent needs time to).</remarks>
internal sealed class ScriptedSpeechSynthesizer(int seed, EngineLedger ledger, FaultPlan faults, int maxDelayMs, TimeProvider time, bool streaming = false, int pieceScale = 1) : ISpeechSynthesizer
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public string Name => "scripted-tts";

    public SynthesizerCapabilities Capabilities { get; } = new(StreamingOutput: streaming, WordTimings: streaming, SampleRate: 16000, Remote: false);

    public IReadOnlyList<string> Voices { get; } = ["plain", "bright"];

    public string DefaultVoice => "plain";

    public async IAsyncEnumerable<SpeechChunk> SynthesizeAsync(SynthesisRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Voices.Contains(request.Voice))
        {
            throw new ArgumentException($"Unknown voice '{request.Voice}'.", nameof(request));
        }

        ledger.SynthesisStarted();
        try
        {
            int milliseconds, delay;
            lock (_gate)
            {
                milliseconds = _random.Next(60, 201) * pieceScale;
                delay = _random.Next(0, maxDelayMs + 1);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(delay), time, cancellationToken);
            faults.Hit(FaultPoint.Synthesize);
            var samples = new short[16 * milliseconds];
            for (var i = 0; i < samples.Length; i++)
            {
                // Loudness that rises and falls four times a second, as syllables do, so the echo check has a contour to follow.
                samples[i] = (short)(3000 * (0.2 + Math.Abs(Math.Sin(i * Math.PI * 4 / 16000))) * Math.Sin(i * 0.05));
            }

            if (!streaming)
            {
                yield return new SpeechChunk(samples, 16000);
                yield break;
            }

            var words = request.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var perWord = TimeSpan.FromMilliseconds((double)milliseconds / Math.Max(1, words.Length));
            var half = samples.Length / 2;
            var timed = words.Select((w, i) => new SpokenWord(w, perWord * i, perWord)).ToList();
            yield return new SpeechChunk(samples[..half], 16000, [.. timed.Take(words.Length / 2)]);
            await Task.Delay(TimeSpan.FromMilliseconds(delay / 2), time, cancellationToken);
            yield return new SpeechChunk(samples[half..], 16000, [.. timed.Skip(words.Length / 2)]);
        }
        finally
        {
            ledger.SynthesisEnded();
        }
    }
}
