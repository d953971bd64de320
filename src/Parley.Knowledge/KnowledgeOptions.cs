namespace Parley.Knowledge;

/// <summary>Where knowledge files are kept and how much ingestion runs at once.</summary>
public sealed record KnowledgeOptions
{
    /// <summary>The data folder; uploads go under its <c>knowledge/</c> folder.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>How many knowledge are ingested side by side (each one's files one after another).</summary>
    public int MaxConcurrentIngestions { get; init; } = 2;
}
