namespace Parley.Client.Knowledge;

/// <summary>The body of renaming a knowledge.</summary>
internal sealed record KnowledgeRename(string Name);
