namespace Parley.Knowledge.Tests;

/// <summary>The settings under <c>Parley:Knowledge</c>: defaults that hold, and values out of range refused at start.</summary>
public sealed class KnowledgeOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.NotNull(new KnowledgeOptions().Validate());

    public static TheoryData<KnowledgeOptions> OutOfRange =>
    [
        new KnowledgeOptions { MaxConcurrentIngestions = 0 },
        new KnowledgeOptions { MaxPages = 0 },
        new KnowledgeOptions { MaxTextChars = 999 },
        new KnowledgeOptions { MaxDecompressedBytes = 1024 },
        new KnowledgeOptions { ExtractionMemoryBytes = KnowledgeOptions.MinExtractionMemoryBytes - 1 },
        new KnowledgeOptions { MaxIngestionTime = TimeSpan.Zero },
        new KnowledgeOptions { MaxIngestionAttempts = 0 },
        new KnowledgeOptions { DataDirectory = " " },
    ];

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void A_value_out_of_range_stops_the_server_at_start(KnowledgeOptions options)
        => Assert.ThrowsAny<ArgumentException>(() => options.Validate());
}
