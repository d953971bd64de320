using Parley.Sessions.Listening;
using Parley.Sessions.Telemetry;

namespace Parley.Sessions.Tests.Listening;

/// <summary>A listener sink that writes down what it is told, with an agent that is "speaking" while <see cref="AgentSpeech"/> is set.</summary>
internal sealed class RecordingListenerSink : IListenerSink
{
    public List<string> Turns { get; } = [];

    public int BargeIns { get; private set; }

    public int FalseInterruptions { get; private set; }

    private string? _agentSpeech;
    private int _agentReadsLeft = int.MaxValue;

    /// <summary>What the agent is saying; it stops saying it after <see cref="AgentFinishesAfterReads"/> reads, when set.</summary>
    public string? AgentSpeech
    {
        get => _agentReadsLeft-- > 0 ? _agentSpeech : null;
        set => _agentSpeech = value;
    }

    /// <summary>How many times the listener may read <see cref="AgentSpeech"/> before the agent has finished (two at speech onset, then one a frame).</summary>
    public int AgentFinishesAfterReads
    {
        set => _agentReadsLeft = value;
    }

    /// <summary>Utterances that came to no turn.</summary>
    public int Dismissed { get; private set; }

    public ValueTask OnSpeechStartedAsync() => ValueTask.CompletedTask;

    /// <summary>The words of each pause told (a reply may be prepared on them), and "(resumed)" when the user went on.</summary>
    public List<string> Pauses { get; } = [];

    public ValueTask OnPauseBeganAsync(string words)
    {
        Pauses.Add(words);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnSpeechResumedAsync()
    {
        Pauses.Add("(resumed)");
        return ValueTask.CompletedTask;
    }

    /// <summary>Onsets of speech while the agent was audible.</summary>
    public int SpeechOverAgent { get; private set; }

    public ValueTask OnSpeechOverAgentAsync()
    {
        SpeechOverAgent++;
        return ValueTask.CompletedTask;
    }

    public ValueTask OnBargeInAsync(bool onSound)
    {
        BargeIns++;
        AgentSpeech = null; // Cut off: the agent is silent now.
        return ValueTask.CompletedTask;
    }

    public ValueTask OnUtteranceDismissedAsync(bool cutTheAgentOff)
    {
        Dismissed++;
        if (cutTheAgentOff)
        {
            FalseInterruptions++;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnUserSpokeAsync(string text, bool sessionEnding, TurnTimings? timings = null)
    {
        Turns.Add(text);
        return ValueTask.CompletedTask;
    }

    public void OnClientSilenceTimeout()
    {
    }
}
