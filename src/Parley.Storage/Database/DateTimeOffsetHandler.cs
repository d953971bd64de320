using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Database;

/// <summary>Times as UTC: ISO-8601 text in SQLite (sortable, fixed width), <c>timestamptz</c> in PostgreSQL.</summary>
internal sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        if (parameter is SqliteParameter)
        {
            parameter.Value = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        }
        else
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = utc;
        }
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new DataException($"Cannot read a time from {value.GetType().Name}."),
    };
}
