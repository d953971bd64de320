using Parley.Engines.VoiceActivity;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>One session's stream of <see cref="ScriptedVoiceActivityDetector"/>.</summary>
internal sealed class ScriptedVoiceActivityStream(EngineLedger ledger, FaultPlan faults) : IVoiceActivityStream
{
    private bool _disposed;

    public float Process(ReadOnlySpan<float> frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        faults.Hit(FaultPoint.VadProcess);
        return Rms(frame) >= ScriptedVoiceActivityDetector.LoudRms ? 0.95f : 0.02f;
    }

    public void Reset()
    {
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            ledger.VadStreamClosed();
        }
    }

    private static float Rms(ReadOnlySpan<float> frame)
    {
        double sum = 0;
        foreach (var sample in frame)
        {
            sum += sample * sample;
        }

        return frame.IsEmpty ? 0 : (float)Math.Sqrt(sum / frame.Length);
    }
}
