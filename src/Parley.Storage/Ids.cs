namespace Parley.Storage;

/// <summary>New identifiers: time-ordered UUIDs (v7), so ids sort by creation.</summary>
public static class Ids
{
    /// <summary>A new id.</summary>
    public static string New() => Guid.CreateVersion7().ToString();
}
