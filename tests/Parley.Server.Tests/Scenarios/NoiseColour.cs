namespace Parley.Server.Tests.Scenarios;

/// <summary>The spectrum of generated noise.</summary>
public enum NoiseColour
{
    /// <summary>Flat spectrum: hiss, a fan.</summary>
    White,

    /// <summary>Falls 3 dB per octave: rumble, traffic, a crowd.</summary>
    Pink,
}
