namespace Parley.Storage.Database;

/// <summary>One numbered schema change.</summary>
internal sealed record Migration(long Version, string Sql);
