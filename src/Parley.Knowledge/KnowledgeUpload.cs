namespace Parley.Knowledge;

/// <summary>One uploaded file, as the API received it.</summary>
/// <param name="FileName">The name the client gave the file.</param>
/// <param name="ContentType">The media type the client declared, if any.</param>
/// <param name="OpenReadStream">Opens the uploaded bytes.</param>
public sealed record KnowledgeUpload(string FileName, string? ContentType, Func<Stream> OpenReadStream);
