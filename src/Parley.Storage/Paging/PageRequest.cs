namespace Parley.Storage.Paging;

/// <summary>A cursor page: items after (or before) an id, at most <see cref="Limit"/> of them.</summary>
public sealed record PageRequest(string? After, string? Before, int Limit)
{
    /// <summary>Items per page when none is asked for.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The most items one page may hold.</summary>
    public const int MaxLimit = 100;

    /// <summary>The first page.</summary>
    public static PageRequest First(int limit = DefaultLimit) => new(null, null, limit);
}
