using Parley.Engines.VoiceActivity;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>A VAD whose first frame waits for <see cref="Fail"/> and then throws: a listener that stalls, then dies.</summary>
internal sealed class FaultyVoiceActivityDetector : IVoiceActivityDetector
{
    private readonly ManualResetEventSlim _fail = new();

    public string Name => "faulty-vad";

    public int SampleRate => 16000;

    public int FrameSamples => 512;

    /// <summary>Set once the first frame is being processed (and is held).</summary>
    public ManualResetEventSlim Processing { get; } = new();

    /// <summary>Lets the held frame fail.</summary>
    public void Fail() => _fail.Set();

    public IVoiceActivityStream CreateStream() => new Stream(this);

    private sealed class Stream(FaultyVoiceActivityDetector detector) : IVoiceActivityStream
    {
        public float Process(ReadOnlySpan<float> frame)
        {
            detector.Processing.Set();
            detector._fail.Wait(TimeSpan.FromSeconds(30));
            throw new ScriptedEngineException("Scripted failure: the VAD died.");
        }

        public void Reset()
        {
        }

        public void Dispose()
        {
        }
    }
}
