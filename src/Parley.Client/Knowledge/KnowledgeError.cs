namespace Parley.Client.Knowledge;

/// <summary>Why files of a knowledge failed.</summary>
public sealed record KnowledgeError(string Code, string Message);
