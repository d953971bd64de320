namespace Parley.Server.Knowledge;

/// <summary>The SDK's <c>row_counts</c>; in Parley a row is an uploaded file.</summary>
internal sealed record KnowledgeRowCounts(int Completed, int Failed, int Total);
