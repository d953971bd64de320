namespace Parley.Storage.Database;

/// <summary>The database engines Parley stores its data in.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file in the data folder: the default, for one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for several nodes sharing state.</summary>
    Postgres,
}
