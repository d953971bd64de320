using Parley.Cli.Tests.Infrastructure;
using Parley.Client.Audio;

namespace Parley.Cli.Tests;

/// <summary>Failures end with a message on standard error and an exit code that says what kind they are.</summary>
[Collection(CliCollection.Name)]
public sealed class ErrorPathTests(CliServerFixture server) : IDisposable
{
    private const string Nobody = "http://127.0.0.1:1";
    private readonly string _folder = Directory.CreateTempSubdirectory("parley-errors-").FullName;

    [Fact]
    public async Task A_server_that_is_down_exits_3()
    {
        using var cli = new CliRun(Nobody, CliServerFixture.ApiKey);

        var list = await cli.RunAsync("agents", "list");
        var ask = await cli.RunAsync("ask", Question(), "--out", Path.Combine(_folder, "a.wav"));

        foreach (var result in new[] { list, ask })
        {
            Assert.True(result.ExitCode == 3, result.ToString());
            Assert.Contains("Cannot reach the Parley server at http://127.0.0.1:1", result.Error, StringComparison.Ordinal);
            Assert.Contains("parley serve", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bad_key_exits_4()
    {
        using var cli = new CliRun(server.Url, "pk_not_a_real_key");

        var list = await cli.RunAsync("agents", "list");
        var ask = await cli.RunAsync("ask", Question(), "--out", Path.Combine(_folder, "a.wav"));

        foreach (var result in new[] { list, ask })
        {
            Assert.True(result.ExitCode == 4, result.ToString());
            Assert.Contains("refused the API key", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_key_anywhere_exits_4_and_says_where_to_put_one()
    {
        using var cli = new CliRun(server.Url);
        var result = await cli.RunAsync("conversations", "list");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("parley login", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_agent_exits_5()
    {
        using var cli = new CliRun(server.Url, CliServerFixture.ApiKey);

        var ask = await cli.RunAsync("ask", Question(), "--out", Path.Combine(_folder, "a.wav"), "--agent", "no-such-agent");
        var get = await cli.RunAsync("agents", "get", "no-such-agent");

        foreach (var result in new[] { ask, get })
        {
            Assert.True(result.ExitCode == 5, result.ToString());
            Assert.Contains("Agent 'no-such-agent' was not found", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("ask")]
    [InlineData("agents", "get")]
    [InlineData("agents", "list", "--limit", "many")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        using var cli = new CliRun(server.Url, CliServerFixture.ApiKey);
        var result = await cli.RunAsync(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_question_file_exits_2()
    {
        using var cli = new CliRun(server.Url, CliServerFixture.ApiKey);
        var result = await cli.RunAsync("ask", Path.Combine(_folder, "nope.wav"), "--out", Path.Combine(_folder, "a.wav"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No such file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Talk_without_a_sound_device_says_what_it_looked_for()
    {
        // Where a recording program exists, talk would really listen: this test is for machines without one (like CI's).
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        if (new[] { "parec", "arecord" }.Any(p => path.Split(':').Any(d => File.Exists(Path.Combine(d, p)))))
        {
            return;
        }

        using var cli = new CliRun(server.Url, CliServerFixture.ApiKey);
        var result = await cli.RunAsync("talk");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("No microphone found", result.Error, StringComparison.Ordinal);
        Assert.Contains("parec (PulseAudio)", result.Error, StringComparison.Ordinal);
        Assert.Contains("arecord (ALSA)", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Question()
    {
        var path = Path.Combine(_folder, "q.wav");
        WavFile.Write(path, new byte[32000], 16000);
        return path;
    }
}
