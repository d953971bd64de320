using Parley.Engines.VoiceActivity;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>A VAD whose speech probability follows the frame's loudness: loud frames are speech, quiet ones are not.</summary>
internal sealed class ScriptedVoiceActivityDetector(EngineLedger ledger, FaultPlan faults) : IVoiceActivityDetector
{
    /// <summary>RMS (of samples scaled to [-1, 1]) at and above which a frame is speech.</summary>
    public const float LoudRms = 0.05f;

    public string Name => "scripted-vad";

    public int SampleRate => 16000;

    public int FrameSamples => 512;

    public IVoiceActivityStream CreateStream()
    {
        ledger.VadStreamOpened();
        return new ScriptedVoiceActivityStream(ledger, faults);
    }
}
