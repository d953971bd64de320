using Parley.Sessions.Listening;
using Parley.Sessions.Telemetry;

namespace Parley.Sessions.Tests.Listening;

/// <summary>A listener sink that writes down what it is told, with an agent that is "speaking" while <see cref="AgentSpeech"/> is set.</summary>
internal sealed class RecordingListenerSink : IListenerSink
{
    public List<string> Turns { get; } = [];

    public int BargeIns { get; private set; }

    public int FalseInterruptions { get; private set; }

    public string? AgentSpeech { get; set; }

    public void OnSpeechStarted()
    {
    }

    public void OnBargeIn()
    {
        BargeIns++;
        AgentSpeech = null; // Cut off: the agent is silent now.
    }

    public void OnFalseInterruption() => FalseInterruptions++;

    public Task OnUserSpokeAsync(string text, bool sessionEnding, TurnTimings? timings = null)
    {
        Turns.Add(text);
        return Task.CompletedTask;
    }

    public void OnClientSilenceTimeout()
    {
    }
}
