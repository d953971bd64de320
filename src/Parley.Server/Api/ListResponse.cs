namespace Parley.Server.Api;

/// <summary>A page of a list: <c>{"object": "list", "data": [...], "has_more": bool}</c>; the SDK reads <c>data</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Data, bool HasMore)
{
    public string Object => "list";
}
