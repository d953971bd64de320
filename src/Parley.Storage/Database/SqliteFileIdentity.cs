using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Database;

/// <summary>Whether an open SQLite connection still writes to the file at the database's path.</summary>
/// <remarks>
/// A pooled connection keeps its file open after the file is deleted (or replaced), and goes on writing into the
/// unlinked inode: every write "succeeds" and is lost with the last connection. SQLite's own
/// <c>SQLITE_FCNTL_HAS_MOVED</c> compares the inode at the path with the one opened; where that call is not
/// available (another SQLite build), the file's presence at its path is checked instead.
/// </remarks>
internal static partial class SqliteFileIdentity
{
    private const int HasMovedOp = 20; // SQLITE_FCNTL_HAS_MOVED
    private const int Ok = 0;
    private static volatile bool s_fileControlMissing;

    /// <summary>True when the file this connection has open is no longer the one at <paramref name="path"/>.</summary>
    public static bool HasMoved(SqliteConnection connection, string path)
    {
        if (!s_fileControlMissing && connection.Handle is { } handle)
        {
            try
            {
                var moved = 0;
                if (FileControl(handle.DangerousGetHandle(), "main", HasMovedOp, ref moved) == Ok)
                {
                    return moved != 0;
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                s_fileControlMissing = true;
            }
        }

        return !File.Exists(path);
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_file_control", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileControl(IntPtr database, string name, int op, ref int argument);
}
