namespace Parley.Storage.Files;

/// <summary>Whether a file's bytes are all stored.</summary>
public static class FileStates
{
    /// <summary>Bytes are still being written (an upload in progress, a recording of a live session); not served.</summary>
    public const string Writing = "writing";

    /// <summary>Every byte is stored; the file is served.</summary>
    public const string Ready = "ready";
}
