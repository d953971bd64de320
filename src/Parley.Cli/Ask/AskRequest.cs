namespace Parley.Cli.Ask;

/// <summary>One question to ask: the WAV to send, where to write the answer, and the session's parameters.</summary>
internal sealed record AskRequest(string QuestionPath, string OutputPath)
{
    public string? AgentId { get; init; }
    public string? ConversationId { get; init; }
    public string? Voice { get; init; }

    /// <summary>How long to wait for the answer to be spoken, after the question was sent.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long without agent audio means the answer has been spoken.</summary>
    public TimeSpan Quiet { get; init; } = TimeSpan.FromSeconds(1.2);
}
