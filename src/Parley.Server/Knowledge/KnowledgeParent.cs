namespace Parley.Server.Knowledge;

/// <summary>The SDK's <c>parent</c>: where the knowledge is nested; in Parley always <c>{"type": "root"}</c>.</summary>
internal sealed record KnowledgeParent(string Type)
{
    public static KnowledgeParent Root { get; } = new("root");
}
