namespace Parley.Storage.Database;

/// <summary>Folders and files only the server's own user may read: the data folder, the key ring, the database files.</summary>
/// <remarks>
/// Modes are set at creation and set again on what already exists, since earlier versions (and a default umask)
/// left them readable by every user of the machine. Windows keeps its own ACLs, so nothing is done there.
/// </remarks>
public static class PrivateFiles
{
    /// <summary>rwx------ for folders.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw------- for files.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates a folder (and its parents) if missing; makes the folder itself private either way.</summary>
    /// <remarks>A shared folder (one with the sticky bit, such as <c>/tmp</c>) given as the folder is left as it is.</remarks>
    public static DirectoryInfo CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        var folder = Directory.CreateDirectory(path, FolderMode);
        if ((File.GetUnixFileMode(folder.FullName) & UnixFileMode.StickyBit) == 0)
        {
            Restrict(folder.FullName, FolderMode);
        }

        return folder;
    }

    /// <summary>Creates an empty file if missing; makes it private either way.</summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            using var _ = new FileStream(path, System.IO.FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
            return;
        }

        using (new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite, UnixCreateMode = FileMode }))
        {
        }

        Restrict(path, FileMode);
    }

    /// <summary>Makes the files directly in a folder private (not the folders below it, which keep their own modes).</summary>
    public static void RestrictFilesIn(string folder)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder))
        {
            Restrict(file, FileMode);
        }
    }

    /// <summary>Makes one existing file private, if it is there.</summary>
    public static void RestrictFile(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            Restrict(path, FileMode);
        }
    }

    private static void Restrict(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            if ((File.GetUnixFileMode(path) & ~mode) != 0)
            {
                File.SetUnixFileMode(path, mode);
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // Owned by another user (a shared folder given as the data folder): nothing this process may change.
        }
    }
}
