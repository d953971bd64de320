using Parley.Engines.TextToSpeech;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>A synthesiser that returns 60 to 200 ms of a quiet tone at 16 kHz per piece, after a delay of up to <paramref name="maxDelayMs"/>.</summary>
internal sealed class ScriptedSpeechSynthesizer(int seed, EngineLedger ledger, FaultPlan faults, int maxDelayMs, TimeProvider time) : ISpeechSynthesizer
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public string Name => "scripted-tts";

    public IReadOnlyList<string> Voices { get; } = ["plain", "bright"];

    public string DefaultVoice => "plain";

    public async ValueTask<SynthesizedSpeech> SynthesizeAsync(string text, string voice, CancellationToken cancellationToken = default)
    {
        if (!Voices.Contains(voice))
        {
            throw new ArgumentException($"Unknown voice '{voice}'.", nameof(voice));
        }

        ledger.SynthesisStarted();
        try
        {
            int milliseconds, delay;
            lock (_gate)
            {
                milliseconds = _random.Next(60, 201);
                delay = _random.Next(0, maxDelayMs + 1);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(delay), time, cancellationToken);
            faults.Hit(FaultPoint.Synthesize);
            var samples = new short[16 * milliseconds];
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (short)(3000 * Math.Sin(i * 0.05));
            }

            return new SynthesizedSpeech(samples, 16000);
        }
        finally
        {
            ledger.SynthesisEnded();
        }
    }
}
