namespace Parley.Client.Paging;

/// <summary>One page of a list: <c>{"object": "list", "data": [...], "has_more": bool}</c>.</summary>
public sealed record ListPage<T>
{
    public string Object { get; init; } = "list";

    /// <summary>The items of this page, in the list's order.</summary>
    public IReadOnlyList<T> Data { get; init; } = [];

    /// <summary>Whether items follow this page.</summary>
    public bool HasMore { get; init; }
}
