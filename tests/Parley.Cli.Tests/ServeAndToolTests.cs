using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Parley.Cli.Tests.Infrastructure;

namespace Parley.Cli.Tests;

/// <summary><c>parley serve</c> runs the real server; the built program is an ordinary executable with the documented exit codes.</summary>
public sealed class ServeAndToolTests
{
    [Fact]
    public async Task Serve_runs_the_server_until_cancelled()
    {
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("parley-serve-").FullName;
        using var cli = new CliRun();
        using var stop = new CancellationTokenSource();
        var serving = cli.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", data, "--api-key", "pk_serve_test_0123456789abcdef01"], stop.Token);
        try
        {
            await Health.WaitAsync(new Uri($"http://127.0.0.1:{port}"));
            var list = await cli.RunAsync("agents", "list", "--url", $"http://127.0.0.1:{port}", "--api-key", "pk_serve_test_0123456789abcdef01", "--json");
            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Single(list.Json().EnumerateArray()); // The default agent of a new server.
        }
        finally
        {
            await stop.CancelAsync();
            var result = await serving;
            Assert.True(result.ExitCode == 0, result.ToString());
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_built_parley_program_exits_3_when_the_server_is_down()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Parley.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { dll, "agents", "list", "--url", "http://127.0.0.1:1", "--api-key", "pk_x" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(3, process.ExitCode);
        Assert.Contains("Cannot reach the Parley server", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        using var cli = new CliRun();
        var result = await cli.RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "serve", "talk", "ask", "agents", "conversations", "knowledge", "keys", "login" })
        {
            Assert.Contains(command, result.Output, StringComparison.Ordinal);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
