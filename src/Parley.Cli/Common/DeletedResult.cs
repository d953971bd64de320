namespace Parley.Cli.Common;

/// <summary>What <c>--json</c> prints for a deletion.</summary>
internal sealed record DeletedResult(string Id, string Object, bool Deleted);
