namespace Parley.Server.Tests.VoiceConsole;

/// <summary>Where the console tests leave what a person may want to look at: <c>artifacts/NAME</c> under the repository root.</summary>
public static class ArtifactsFolder
{
    /// <summary>The screenshots of each step of the browser tests.</summary>
    public static string Screenshots => Get("console-screenshots");

    /// <summary>The folder <paramref name="name"/> under <c>artifacts/</c>, created if missing (under the temp folder outside a clone).</summary>
    public static string Get(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
            {
                return Directory.CreateDirectory(Path.Combine(directory.FullName, "artifacts", name)).FullName;
            }
        }

        return Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "parley-" + name)).FullName;
    }
}
