namespace Parley.Agents.Orchestration;

/// <summary>One of the teamspace's agents a task may be handed to: how it is called, what it is for, what it can use.</summary>
/// <param name="Name">Its name, as the user says it.</param>
/// <param name="Description">What it is for, if its author said.</param>
/// <param name="Tools">The names of the tools it has.</param>
/// <param name="SearchesKnowledge">Whether it has knowledge to search (and <c>knowledge_search</c> to search it with).</param>
public sealed record DelegateCandidate(string Name, string? Description, IReadOnlyList<string> Tools, bool SearchesKnowledge);
