namespace Parley.Client.Knowledge;

/// <summary>How many uploaded files a knowledge has, and how many are indexed or failed.</summary>
public sealed record KnowledgeRowCounts(int Completed, int Failed, int Total);
