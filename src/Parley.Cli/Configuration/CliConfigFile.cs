using System.Text.Json;

namespace Parley.Cli.Configuration;

/// <summary>The config file: <c>$PARLEY_CONFIG</c>, else <c>$XDG_CONFIG_HOME/parley/config.json</c>, else <c>~/.config/parley/config.json</c>; readable by its owner only.</summary>
internal static class CliConfigFile
{
    public static string PathFor(Func<string, string?> environment)
    {
        if (environment("PARLEY_CONFIG") is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }

        var configHome = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "parley", "config.json");
    }

    /// <summary>The saved settings, or null when there is no file.</summary>
    /// <exception cref="CliException">The file is not valid JSON.</exception>
    public static CliConfig? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CliJsonContext.Default.CliConfig);
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Usage, $"{path} is not valid JSON ({ex.Message}); run `parley login` again.", ex);
        }
    }

    /// <summary>Writes the settings with mode 600 (in a folder of mode 700): the file holds a key.</summary>
    public static void Save(string path, CliConfig config)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, config, CliJsonContext.Default.CliConfig);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode only applies to new files and is masked by umask; make sure of it.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
