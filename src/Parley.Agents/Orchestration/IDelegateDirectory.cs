namespace Parley.Agents.Orchestration;

/// <summary>The agents a <c>delegate_task</c> tool can hand tasks to; the tool itself implements it, so an agent offered the tool can read it.</summary>
/// <remarks>A language model reads the same list from the tool's description; the embedded agent reads it here.</remarks>
public interface IDelegateDirectory
{
    /// <summary>The candidates, in the order the teamspace lists its agents.</summary>
    IReadOnlyList<DelegateCandidate> Candidates { get; }
}
