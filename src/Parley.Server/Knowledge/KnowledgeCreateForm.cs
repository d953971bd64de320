namespace Parley.Server.Knowledge;

/// <summary>The multipart body of <c>POST /v1/knowledge</c>: the files (parts named <c>files[]</c> or <c>files</c>) and an optional name.</summary>
internal sealed record KnowledgeCreateForm(IReadOnlyList<IFormFile> Files, string? Name);
