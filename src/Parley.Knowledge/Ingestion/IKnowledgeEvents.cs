using Parley.Storage.Knowledge;

namespace Parley.Knowledge.Ingestion;

/// <summary>Told when a knowledge has no file left to process (each ready or failed), as a <c>knowledge.processing.completed</c> event.</summary>
/// <remarks>Called by the ingestion worker, off any request; an implementation records what it must and returns soon, and never throws for its own failures.</remarks>
public interface IKnowledgeEvents
{
    /// <summary>The knowledge as it stands once every file was processed.</summary>
    Task OnProcessingCompletedAsync(KnowledgeRecord knowledge, CancellationToken cancellationToken = default);
}
