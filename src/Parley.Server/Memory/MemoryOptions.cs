namespace Parley.Server.Memory;

/// <summary>How the server gives native memory back (<c>Parley:Memory</c>).</summary>
public sealed record MemoryOptions
{
    public const string Section = "Parley:Memory";

    /// <summary>
    /// How often freed native memory (the engines' and the runtime's C allocations) is handed back to the system; zero
    /// turns it off. glibc keeps what was freed for reuse, so without it a server that ran 1,000 sessions held
    /// ~30 MiB more than after 100, all of it free (measured: docs/RELIABILITY.md, "Soak").
    /// </summary>
    public TimeSpan TrimInterval { get; init; } = TimeSpan.FromSeconds(30);

    public MemoryOptions Validate() => TrimInterval >= TimeSpan.Zero
        ? this
        : throw new InvalidOperationException($"{Section}:TrimInterval must not be negative (zero turns trimming off).");
}
