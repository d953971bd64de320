namespace Parley.Knowledge.Extraction;

/// <summary>The text of a file, or of one page of it: paragraphs separated by blank lines.</summary>
/// <param name="PageNumber">The 1-based page for paged files (PDF), null otherwise.</param>
/// <param name="Text">The text.</param>
public sealed record ExtractedPage(int? PageNumber, string Text);
