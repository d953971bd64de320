using Parley.Knowledge.Extraction;

namespace Parley.Knowledge;

/// <summary>Where knowledge files are kept, how much ingestion runs at once, and the limits each file is read under.</summary>
/// <remarks>
/// Bound from <c>Parley:Knowledge</c>. The limits exist because an upload is hostile until read: a PDF of under a megabyte
/// can decompress to gigabytes, and a text of one endless sentence is as large as its upload. A file over any limit
/// fails with the limit in its error; the rest of its knowledge goes on.
/// </remarks>
public sealed record KnowledgeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Parley:Knowledge";

    /// <summary>The data folder; uploads go under its <c>knowledge/</c> folder (set from <c>PARLEY_DATA_DIR</c> by the server).</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>How many knowledge are ingested side by side (each one's files one after another): also the most PDF readers running at once.</summary>
    public int MaxConcurrentIngestions { get; init; } = 2;

    /// <summary>The most pages of a PDF; a longer one fails before any page is read.</summary>
    public int MaxPages { get; init; } = 2_000;

    /// <summary>The most characters of text one file may yield (about 5,000 pages of prose by default).</summary>
    public int MaxTextChars { get; init; } = 10_000_000;

    /// <summary>The most bytes a PDF's compressed streams may decompress to, all together, while it is read.</summary>
    public long MaxDecompressedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The memory (managed heap) of the process that reads one PDF; past it the PDF fails, the server is untouched.</summary>
    public long ExtractionMemoryBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The time one file may take, from reading to indexed passages; past it the file fails.</summary>
    public TimeSpan MaxIngestionTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times a file is started before it is given up: each stop or crash while it is read uses one.</summary>
    public int MaxIngestionAttempts { get; init; } = 3;

    /// <summary>This node's name in the claims it holds on ingestion work (set from <c>Parley:Cluster:NodeName</c> by the server).</summary>
    public string NodeName { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How long a node's claim on a knowledge outlives the node: renewed every third of it while the node works, taken over by another node once it lapses.</summary>
    public TimeSpan IngestionLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node looks for knowledge with files waiting and no live claim (uploaded through another node, or left by one that died).</summary>
    public TimeSpan IngestionPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The limits extraction works under.</summary>
    public ExtractionLimits ExtractionLimits => new(MaxPages, MaxTextChars, MaxDecompressedBytes);

    /// <summary>Throws when a value is out of range, so a bad configuration stops the server at start.</summary>
    public KnowledgeOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DataDirectory, nameof(DataDirectory));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentIngestions, 1, nameof(MaxConcurrentIngestions));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPages, 1, nameof(MaxPages));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextChars, 1_000, nameof(MaxTextChars));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDecompressedBytes, 1024 * 1024, nameof(MaxDecompressedBytes));
        // Below this the .NET runtime of the reader itself does not start reliably.
        ArgumentOutOfRangeException.ThrowIfLessThan(ExtractionMemoryBytes, MinExtractionMemoryBytes, nameof(ExtractionMemoryBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxIngestionTime, TimeSpan.Zero, nameof(MaxIngestionTime));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIngestionAttempts, 1, nameof(MaxIngestionAttempts));
        ArgumentException.ThrowIfNullOrWhiteSpace(NodeName, nameof(NodeName));
        ArgumentOutOfRangeException.ThrowIfLessThan(IngestionLease, TimeSpan.FromSeconds(1), nameof(IngestionLease));
        ArgumentOutOfRangeException.ThrowIfLessThan(IngestionPollInterval, TimeSpan.FromMilliseconds(100), nameof(IngestionPollInterval));
        return this;
    }

    /// <summary>The smallest <see cref="ExtractionMemoryBytes"/> accepted.</summary>
    public const long MinExtractionMemoryBytes = 32L * 1024 * 1024;
}
