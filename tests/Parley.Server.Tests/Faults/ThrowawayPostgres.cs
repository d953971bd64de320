using System.Diagnostics;

namespace Parley.Server.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of this test process's own (scripts/postgres.sh, owned by its pid), so a test may take it down
/// and up again without touching the cluster other tests share (<c>PARLEY_TEST_POSTGRES</c>).
/// </summary>
/// <remarks>Without PostgreSQL installed the script says so and the test fails: a fault test that skips proves nothing.</remarks>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    private ThrowawayPostgres(string connectionString) => ConnectionString = connectionString;

    /// <summary>The connection string of its database, as the server takes it in <c>PARLEY_POSTGRES</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync()
        => new((await RunAsync("start")).Trim());

    /// <summary>Stops the server (fast shutdown: its connections are cut), keeping its data and port.</summary>
    public Task DownAsync() => RunAsync("down");

    /// <summary>Starts the server again on the same data and port.</summary>
    public Task UpAsync() => RunAsync("up");

    public async ValueTask DisposeAsync() => await RunAsync("stop");

    private static async Task<string> RunAsync(string action)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "postgres.sh"));
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Away from the ports other runs on this machine start from (55432), so two runs seldom race for one.
        start.Environment["PARLEY_TEST_POSTGRES_PORT"] = (56000 + (Environment.ProcessId % 1500)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh {action} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "postgres.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No scripts/postgres.sh above {AppContext.BaseDirectory}: the fault tests run from a clone.");
    }
}
