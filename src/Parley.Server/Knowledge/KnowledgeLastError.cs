namespace Parley.Server.Knowledge;

/// <summary>The SDK's <c>last_error</c>: a code and the files that failed with their reasons.</summary>
internal sealed record KnowledgeLastError(string Code, string Message)
{
    /// <summary>The only code Parley uses: it has no credits to run out of and no connections to lose.</summary>
    public const string ProcessingError = "processing_error";
}
