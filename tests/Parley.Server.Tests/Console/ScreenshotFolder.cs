namespace Parley.Server.Tests.VoiceConsole;

/// <summary>Where the console tests save their screenshots: <c>artifacts/console-screenshots</c> under the repository root.</summary>
public static class ScreenshotFolder
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Parley.slnx")))
            {
                return Directory.CreateDirectory(System.IO.Path.Combine(directory.FullName, "artifacts", "console-screenshots")).FullName;
            }
        }

        return Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "parley-console-screenshots")).FullName;
    }
}
