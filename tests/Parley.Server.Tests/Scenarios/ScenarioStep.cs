using Parley.Testing.Speech;

namespace Parley.Server.Tests.Scenarios;

/// <summary>One step of a scenario's timeline: what the user's microphone picks up next.</summary>
public abstract record ScenarioStep
{
    /// <summary>The user says <paramref name="text"/> (Flite, 16 kHz).</summary>
    public static ScenarioStep Say(string text, string voice = TestSpeech.DefaultVoice) => new SayStep(text, voice);

    /// <summary>Digital silence.</summary>
    public static ScenarioStep Silence(int milliseconds) => new SilenceStep(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>A burst of noise whose RMS level is <paramref name="dbfs"/>.</summary>
    public static ScenarioStep Noise(NoiseColour colour, double dbfs, int milliseconds)
        => new NoiseStep(colour, dbfs, TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>From here to the end, the microphone also hears the agent's audio at <paramref name="decibels"/>, <paramref name="delayMilliseconds"/> late.</summary>
    public static ScenarioStep Echo(double decibels, int delayMilliseconds) => new EchoStep(decibels, TimeSpan.FromMilliseconds(delayMilliseconds));
}

/// <summary>The user speaks.</summary>
public sealed record SayStep(string Text, string Voice) : ScenarioStep;

/// <summary>Nothing on the microphone.</summary>
public sealed record SilenceStep(TimeSpan Duration) : ScenarioStep;

/// <summary>Noise on the microphone (a cough, a door, traffic), generated in code.</summary>
public sealed record NoiseStep(NoiseColour Colour, double Dbfs, TimeSpan Duration) : ScenarioStep;

/// <summary>Turns on the agent's own voice coming back through the microphone, for the rest of the timeline.</summary>
public sealed record EchoStep(double Decibels, TimeSpan Delay) : ScenarioStep;
