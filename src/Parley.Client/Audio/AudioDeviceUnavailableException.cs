namespace Parley.Client.Audio;

/// <summary>No microphone or speaker could be opened; the message names every program looked for and why each failed.</summary>
public sealed class AudioDeviceUnavailableException : Exception
{
    public AudioDeviceUnavailableException()
        : this("No audio device is available.")
    {
    }

    public AudioDeviceUnavailableException(string message)
        : base(message)
    {
    }

    public AudioDeviceUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The programs that were looked for, in order.</summary>
    public IReadOnlyList<string> LookedFor { get; init; } = [];
}
