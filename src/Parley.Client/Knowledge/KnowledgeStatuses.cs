namespace Parley.Client.Knowledge;

/// <summary>The <c>status</c> values of a knowledge: pending, then partial (some files done), then ready or failed.</summary>
public static class KnowledgeStatuses
{
    public const string Pending = "pending";
    public const string Partial = "partial";
    public const string Ready = "ready";
    public const string Failed = "failed";
}
