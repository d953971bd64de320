namespace Parley.Server.Files;

/// <summary>How often files are swept; bound from <c>Parley:Files</c>. Upload sizes follow <c>Parley:Api:MaxUploadBytes</c>.</summary>
public sealed record FilesOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Parley:Files";

    /// <summary>How often expired uploads, recordings past their retention and bytes without a file are deleted.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting out of range.</summary>
    public FilesOptions Validate() => SweepInterval > TimeSpan.Zero
        ? this
        : throw new InvalidOperationException($"{Section}:SweepInterval must be positive.");
}
