using Parley.Storage.Orchestration;

namespace Parley.Sessions.Orchestration;

/// <summary>What the agent says about finished tasks: at a turn boundary of the session, or to open the conversation's next one.</summary>
/// <remarks>Said as written (the agent is not asked), so an announcement never waits on a model and always says the outcome.</remarks>
public static class TaskAnnouncements
{
    /// <summary>The longest part of a result that is read out; the whole of it stays in the inbox.</summary>
    public const int MaxSpokenResultChars = 600;

    private const int MaxSpokenTaskChars = 120;

    /// <summary>One announcement of <paramref name="tasks"/>; <paramref name="opening"/> when it opens a session.</summary>
    public static string Compose(IReadOnlyList<OrchestratorTaskRecord> tasks, bool opening)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var parts = tasks.Select(Outcome);
        return (opening ? "Welcome back. " : string.Empty) + string.Join(' ', parts);
    }

    /// <summary>What to say about one task, whatever its state.</summary>
    public static string Outcome(OrchestratorTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Status switch
        {
            OrchestratorTaskStatuses.Completed => $"{task.AgentName} has finished the task. {Clip(task.Result ?? string.Empty, MaxSpokenResultChars)}",
            OrchestratorTaskStatuses.Failed => $"Sorry, {task.AgentName} couldn't finish the task: {Clip(task.Task, MaxSpokenTaskChars)}",
            OrchestratorTaskStatuses.Cancelled => $"The task for {task.AgentName} was cancelled.",
            _ => $"{task.AgentName} is still working on it.",
        };
    }

    /// <summary>At most <paramref name="max"/> characters, cut after a sentence when one ends in time, else after a word.</summary>
    public static string Clip(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length <= max)
        {
            return EndSentence(text);
        }

        var cut = text[..max];
        var sentence = cut.LastIndexOfAny(['.', '!', '?']);
        if (sentence >= max / 3)
        {
            return cut[..(sentence + 1)];
        }

        var word = cut.LastIndexOf(' ');
        return EndSentence(word > 0 ? cut[..word] : cut);
    }

    private static string EndSentence(string text)
        => text.Length == 0 || text[^1] is '.' or '!' or '?' ? text : text + ".";
}
