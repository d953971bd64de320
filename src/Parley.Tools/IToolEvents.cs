using Parley.Protocol.Payloads;

namespace Parley.Tools;

/// <summary>What tools report back to the session while they run.</summary>
/// <remarks>Called from tool code on any thread; implementations must be quick and must not throw.</remarks>
public interface IToolEvents
{
    /// <summary>The agent is answering from these sources (the session sends a <c>citation</c> event).</summary>
    void OnCitations(IReadOnlyList<Citation> citations);

    /// <summary>The agent decided to end the call; the session ends once the current reply has been spoken.</summary>
    void OnEndCallRequested();
}
