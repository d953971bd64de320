namespace Parley.Engines.VoiceActivity;

/// <summary>A voice activity detector: a thread-safe engine holding the model, handing out one stream per session.</summary>
public interface IVoiceActivityDetector
{
    /// <summary>The engine's name, for logs and configuration.</summary>
    string Name { get; }

    /// <summary>Sample rate of the audio the streams take.</summary>
    int SampleRate { get; }

    /// <summary>Exact number of samples each call to <see cref="IVoiceActivityStream.Process"/> takes.</summary>
    int FrameSamples { get; }

    /// <summary>Opens a stream with its own state; cheap.</summary>
    IVoiceActivityStream CreateStream();
}
