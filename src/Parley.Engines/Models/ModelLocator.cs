namespace Parley.Engines.Models;

/// <summary>Finds model files fetched by <c>scripts/setup.sh</c>.</summary>
/// <remarks>
/// Order: an explicit directory (configuration or <c>PARLEY_MODELS_DIR</c>), then a <c>.models</c> folder in the
/// current directory or any parent of it or of the application's folder, so that <c>dotnet run</c> and
/// <c>dotnet test</c> from anywhere in the repository find the models setup fetched.
/// </remarks>
public static class ModelLocator
{
    /// <summary>The folder name setup writes models to, at the repository root.</summary>
    public const string FolderName = ".models";

    /// <summary>Returns the full path of a model file, or throws with a message that says how to fetch it.</summary>
    public static string Find(string fileName, string? explicitDirectory = null) =>
        TryFind(fileName, explicitDirectory) ?? throw new FileNotFoundException(
            $"Model '{fileName}' not found (looked in PARLEY_MODELS_DIR and in '{FolderName}' folders above the working directory). Run scripts/setup.sh to fetch it.",
            fileName);

    /// <summary>Returns the full path of a file setup wrote (<paramref name="fileName"/> may hold a subfolder), or null.</summary>
    public static string? TryFind(string fileName, string? explicitDirectory = null)
    {
        foreach (var directory in Candidates(explicitDirectory))
        {
            var path = Path.Combine(directory, fileName);
            if (File.Exists(path))
            {
                return Path.GetFullPath(path);
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates(string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            yield return explicitDirectory;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("PARLEY_MODELS_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return fromEnvironment;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                yield return Path.Combine(dir.FullName, FolderName);
            }
        }
    }
}
