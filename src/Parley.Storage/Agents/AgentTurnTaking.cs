namespace Parley.Storage.Agents;

/// <summary>Parley's own: an agent's turn-taking settings; each one left null takes the server's default.</summary>
public sealed record AgentTurnTaking
{
    /// <summary>Silence that ends the user's turn when their words look finished.</summary>
    public int? EndpointSilenceMs { get; init; }

    /// <summary>Silence that ends the turn after an unfinished word ("and", "uh", "twenty").</summary>
    public int? EndpointSilenceIncompleteMs { get; init; }

    /// <summary>Speech over the agent needed before words other than stop words interrupt it.</summary>
    public int? BargeInMinSpeechMs { get; init; }

    /// <summary>Words that are neither backchannels nor echo needed to interrupt the agent.</summary>
    public int? BargeInMinWords { get; init; }

    /// <summary>Whether "mm-hmm", "okay", "yeah" over the agent interrupt it (by default they do not).</summary>
    public bool? BackchannelsInterrupt { get; init; }

    /// <summary>Silence from the user, after the agent has finished, before the agent asks whether they are still there; 0 turns it off.</summary>
    public int? IdlePromptAfterMs { get; init; }

    /// <summary>What the agent says then.</summary>
    public string? IdlePrompt { get; init; }
}
