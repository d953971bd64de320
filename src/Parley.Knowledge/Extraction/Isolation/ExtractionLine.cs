using System.Text.Json.Serialization;

namespace Parley.Knowledge.Extraction.Isolation;

/// <summary>One line the PDF reader process writes: a page of text, or how the reading ended.</summary>
internal sealed record ExtractionLine
{
    /// <summary>The 1-based page of <see cref="Text"/>.</summary>
    public int? Page { get; init; }

    public string? Text { get; init; }

    /// <summary>Why the file cannot be read (shown to the user as the file's error).</summary>
    public string? Error { get; init; }

    /// <summary>The reading hit the process's memory limit (possibly swallowed inside PdfPig).</summary>
    public bool OutOfMemory { get; init; }

    /// <summary>Every page was written.</summary>
    public bool Done { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(ExtractionLine))]
internal sealed partial class ExtractionJsonContext : JsonSerializerContext;
