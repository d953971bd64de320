using Dapper;

namespace Parley.Storage.Database;

/// <summary>A list of values spelled out as parameters, one text for both engines.</summary>
/// <remarks>Dapper spells out <c>IN @Ids</c> for SQLite but hands Npgsql the whole array (<c>IN $1</c>, a syntax error there).</remarks>
internal static class IdList
{
    /// <summary>The text <c>@P0, @P1, ...</c> for <paramref name="values"/>, added to <paramref name="parameters"/>.</summary>
    public static string Spell(DynamicParameters parameters, IReadOnlyList<string> values, string prefix = "Id")
    {
        for (var i = 0; i < values.Count; i++)
        {
            parameters.Add($"{prefix}{i}", values[i]);
        }

        return string.Join(", ", values.Select((_, i) => $"@{prefix}{i}"));
    }
}
