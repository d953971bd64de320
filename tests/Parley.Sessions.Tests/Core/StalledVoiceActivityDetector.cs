using Parley.Engines.VoiceActivity;

namespace Parley.Sessions.Tests.Core;

/// <summary>A VAD whose first frame waits until <see cref="Release"/>: a listener far behind its audio.</summary>
internal sealed class StalledVoiceActivityDetector : IVoiceActivityDetector
{
    private readonly ManualResetEventSlim _released = new();

    public string Name => "stalled-vad";

    public int SampleRate => 16000;

    public int FrameSamples => 512;

    /// <summary>Set once the first frame is being processed (and is held).</summary>
    public ManualResetEventSlim Processing { get; } = new();

    public void Release() => _released.Set();

    public IVoiceActivityStream CreateStream() => new Stream(this);

    private sealed class Stream(StalledVoiceActivityDetector detector) : IVoiceActivityStream
    {
        public float Process(ReadOnlySpan<float> frame)
        {
            detector.Processing.Set();
            detector._released.Wait(TimeSpan.FromSeconds(30));
            return 0.02f;
        }

        public void Reset()
        {
        }

        public void Dispose()
        {
        }
    }
}
