using Parley.Agents.Orchestration;

namespace Parley.Agents.Embedded;

/// <summary>
/// Reads what the user wants done with background tasks, for an embedded orchestrator agent: cancel one ("never mind,
/// cancel that"), hear how one is going ("is my task done"), or hand one to an agent named in the request ("ask the
/// researcher to find the opening hours").
/// </summary>
/// <remarks>Asked only when the session offers the task tools, so in a direct session these words keep their old meaning.</remarks>
internal static class TaskRequests
{
    // "nevermind" too: PocketSphinx's dictionary has it as one word and often hears "never mind" so.
    private static readonly string[][] CancelPhrases =
    [
        ["cancel"], ["call", "it", "off"], ["call", "that", "off"], ["abort"], ["never", "mind", "that"], ["nevermind", "that"], ["forget", "about", "it"],
        ["forget", "it"], ["stop", "the", "task"], ["stop", "that", "task"],
    ];

    private static readonly string[][] CheckPhrases =
    [
        ["is", "it", "done"], ["is", "it", "ready"], ["is", "it", "finished"], ["any", "news"], ["any", "update"], ["any", "progress"],
        ["check", "on"], ["how", "is", "the", "task"], ["hows", "the", "task"], ["status", "of"],
    ];

    private static readonly HashSet<string> TaskWords = new(StringComparer.Ordinal) { "task", "tasks", "job", "request", "errand" };

    private static readonly HashSet<string> ProgressWords = new(StringComparer.Ordinal)
    {
        "done", "ready", "finished", "status", "going", "progress", "news", "update", "check", "back",
    };

    // "asked" too: a recogniser often hears the "ask" of "ask the ..." so.
    private static readonly HashSet<string> HandOffVerbs = new(StringComparer.Ordinal) { "ask", "asked", "tell", "have", "get", "send" };

    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "the", "our", "my", "your" };

    /// <summary>Whether the user asks to cancel the task under way.</summary>
    public static bool IsCancel(IReadOnlyList<string> tokens) => CancelPhrases.Any(p => Contains(tokens, p));

    /// <summary>Whether the user asks how a task is going.</summary>
    public static bool IsCheck(IReadOnlyList<string> tokens)
        => CheckPhrases.Any(p => Contains(tokens, p)) || (tokens.Any(TaskWords.Contains) && tokens.Any(ProgressWords.Contains));

    /// <summary>
    /// Finds a hand-off to a named agent: a verb ("ask", "tell", "have", "get"), an agent's name, and what it should do.
    /// <paramref name="task"/> is empty when the request names the agent but not the work.
    /// </summary>
    public static bool TryReadHandOff(
        IReadOnlyList<string> tokens, IReadOnlyList<DelegateCandidate> candidates, out DelegateCandidate? agent, out string task)
    {
        agent = null;
        task = string.Empty;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!HandOffVerbs.Contains(tokens[i]))
            {
                continue;
            }

            var at = i + 1;
            while (at < tokens.Count && Articles.Contains(tokens[at]))
            {
                at++;
            }

            if (Named(tokens, at, candidates) is not ({ } named, var length))
            {
                continue;
            }

            var rest = at + length;
            if (rest < tokens.Count && tokens[rest] == "to")
            {
                rest++;
            }

            agent = named;
            task = string.Join(' ', tokens.Skip(rest));
            return true;
        }

        return false;
    }

    /// <summary>The candidate best suited to work needing <paramref name="tool"/>: one that has it, preferring one whose name or description shares words with the request.</summary>
    public static DelegateCandidate? WithTool(IReadOnlyList<DelegateCandidate> candidates, string tool, IReadOnlyList<string> tokens)
    {
        var able = candidates.Where(c => tool == Tools.ToolNames.KnowledgeSearch ? c.SearchesKnowledge : c.Tools.Contains(tool)).ToList();
        var words = tokens.ToHashSet(StringComparer.Ordinal);
        return able.OrderByDescending(c => TextNormalizer.Tokenize($"{c.Name} {c.Description}").Count(words.Contains)).FirstOrDefault();
    }

    // The candidate whose whole name starts at `at` (the longest if several do), else the one whose distinctive word does.
    private static (DelegateCandidate? Agent, int Length) Named(IReadOnlyList<string> tokens, int at, IReadOnlyList<DelegateCandidate> candidates)
    {
        var best = (Agent: (DelegateCandidate?)null, Length: 0);
        foreach (var candidate in candidates)
        {
            var name = TextNormalizer.Tokenize(candidate.Name);
            if (name.Count > best.Length && name.Count > 0 && StartsAt(tokens, at, name))
            {
                best = (candidate, name.Count);
            }
        }

        if (best.Agent is not null || at >= tokens.Count)
        {
            return best;
        }

        // "ask research to ..." for an agent called "Research Assistant": one word of its name, if no other agent has it.
        var word = tokens[at];
        var owners = candidates.Where(c => word.Length >= 4 && TextNormalizer.Tokenize(c.Name).Contains(word)).ToList();
        return owners.Count == 1 ? (owners[0], 1) : (null, 0);
    }

    private static bool StartsAt(IReadOnlyList<string> tokens, int at, IReadOnlyList<string> phrase)
    {
        if (at + phrase.Count > tokens.Count)
        {
            return false;
        }

        for (var j = 0; j < phrase.Count; j++)
        {
            if (tokens[at + j] != phrase[j])
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<string> tokens, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= tokens.Count; i++)
        {
            if (StartsAt(tokens, i, phrase))
            {
                return true;
            }
        }

        return false;
    }
}
