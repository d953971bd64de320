using Parley.Testing.Speech;

namespace Parley.Server.Tests.Scenarios;

/// <summary>A scenario's timeline rendered to 16 kHz samples, with where the speech really is and where echo is on.</summary>
public sealed class ScenarioTrack
{
    private ScenarioTrack(short[] samples, float[] echoGain, TimeSpan echoDelay, IReadOnlyList<(TimeSpan Onset, TimeSpan End)> speech)
    {
        Samples = samples;
        EchoGain = echoGain;
        EchoDelay = echoDelay;
        Speech = speech;
    }

    /// <summary>The user's own sound: speech, silence and noise.</summary>
    public short[] Samples { get; }

    /// <summary>Per sample, the linear gain of the agent's echo mixed in (0 where echo is off).</summary>
    public float[] EchoGain { get; }

    public TimeSpan EchoDelay { get; }

    /// <summary>Each spoken step's true onset and end (Flite pads its clips with silence), from the start of the track.</summary>
    public IReadOnlyList<(TimeSpan Onset, TimeSpan End)> Speech { get; }

    public static ScenarioTrack Render(IReadOnlyList<ScenarioStep> steps)
    {
        var samples = new List<short>();
        var gains = new List<float>();
        var speech = new List<(TimeSpan, TimeSpan)>();
        var gain = 0f;
        var delay = TimeSpan.Zero;
        foreach (var step in steps)
        {
            short[] part;
            switch (step)
            {
                case SayStep say:
                    part = TestSpeech.Voiced(TestSpeech.Say(say.Text, say.Voice));
                    var at = TimeSpan.FromSeconds(samples.Count / 16000.0);
                    speech.Add((at + TestSpeech.SpeechOnset(part), at + TestSpeech.SpeechEnd(part)));
                    break;
                case SilenceStep silence:
                    part = TestSpeech.Silence(silence.Duration);
                    break;
                case NoiseStep noise:
                    part = NoiseGenerator.Generate(noise.Colour, noise.Dbfs, noise.Duration);
                    break;
                case EchoStep echo:
                    gain = (float)Math.Pow(10, echo.Decibels / 20);
                    delay = echo.Delay;
                    continue;
                default:
                    throw new ArgumentException($"Unknown step {step}.", nameof(steps));
            }

            samples.AddRange(part);
            gains.AddRange(Enumerable.Repeat(gain, part.Length));
        }

        return new ScenarioTrack([.. samples], [.. gains], delay, speech);
    }
}
