using Parley.Cli.Tests.Infrastructure;

namespace Parley.Cli.Tests;

/// <summary><c>parley login</c> and where the URL and key come from: options, else environment, else the config file.</summary>
[Collection(CliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LoginTests(CliServerFixture server)
{
    [Fact]
    public async Task Login_checks_the_key_and_saves_it_for_the_owner_only()
    {
        using var cli = new CliRun();

        var result = await cli.RunAsync("login", "--url", server.Url, "--api-key", CliServerFixture.ApiKey);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.ConfigPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(cli.ConfigPath)!));
        var saved = await File.ReadAllTextAsync(cli.ConfigPath);
        Assert.Contains(server.Url, saved, StringComparison.Ordinal);
        Assert.Contains(CliServerFixture.ApiKey, saved, StringComparison.Ordinal);

        // Neither options nor environment now: the file is used.
        Assert.Equal(0, (await cli.RunAsync("agents", "list")).ExitCode);
    }

    [Fact]
    public async Task A_bad_key_is_not_saved()
    {
        using var cli = new CliRun();
        var result = await cli.RunAsync("login", "--url", server.Url, "--api-key", "pk_wrong");
        Assert.Equal(4, result.ExitCode);
        Assert.False(File.Exists(cli.ConfigPath));
    }

    [Fact]
    public async Task Options_win_over_the_environment_which_wins_over_the_file()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("login", "--url", "http://127.0.0.1:1", "--api-key", "pk_from_file", "--no-verify")).ExitCode);

        // The file alone points at nothing.
        Assert.Equal(3, (await cli.RunAsync("agents", "list")).ExitCode);

        // The environment's URL wins over the file's; the file's key is still used, and refused.
        cli.With("PARLEY_URL", server.Url);
        Assert.Equal(4, (await cli.RunAsync("agents", "list")).ExitCode);

        // The environment's key wins over the file's.
        cli.With("PARLEY_API_KEY", CliServerFixture.ApiKey);
        Assert.Equal(0, (await cli.RunAsync("agents", "list")).ExitCode);

        // And the options win over both.
        Assert.Equal(4, (await cli.RunAsync("agents", "list", "--api-key", "pk_from_option")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("agents", "list", "--url", "http://127.0.0.1:1")).ExitCode);
    }
}
