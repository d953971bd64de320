namespace Parley.Storage.Knowledge;

/// <summary>The <c>status</c> values of knowledge, as the Datagrid API names them, and how files decide it.</summary>
public static class KnowledgeStatus
{
    /// <summary>Processing has started but nothing is searchable yet.</summary>
    public const string Pending = "pending";

    /// <summary>Some files are searchable: the others are still being processed, or failed.</summary>
    public const string Partial = "partial";

    /// <summary>Every file is searchable.</summary>
    public const string Ready = "ready";

    /// <summary>Every file failed; nothing is searchable.</summary>
    public const string Failed = "failed";

    /// <summary>The status of knowledge whose files are in these states.</summary>
    public static string From(int total, int completed, int failed) =>
        total > 0 && completed == total ? Ready
        : failed >= total ? Failed
        : completed > 0 ? Partial
        : Pending;
}
