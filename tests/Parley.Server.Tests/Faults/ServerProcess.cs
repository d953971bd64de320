using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Parley.Server.Tests.Faults;

/// <summary>The built server run as a process of its own (<c>dotnet Parley.Server.dll</c>), so a test can kill it as the kernel would.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Now listening on:";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What it printed, for a failure's message.</summary>
    public string Output => string.Join('\n', _output.TakeLast(40));

    /// <summary>Every line it printed so far (its log), in order.</summary>
    public IReadOnlyList<string> Lines => [.. _output];

    /// <summary>Starts the server on a free loopback port over <paramref name="dataDirectory"/> and waits until it is ready.</summary>
    /// <param name="environment">More environment variables: configuration as an operator would give it (<c>Parley__Speech__…</c>).</param>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, string apiKey, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["PARLEY_DATA_DIR"] = dataDirectory,
                ["PARLEY_API_KEY"] = apiKey,
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Parley.Server.dll"));
        var server = new ServerProcess(Process.Start(start)!);
        server.Drain();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            server.BaseAddress = await server._listening.Task.WaitAsync(timeout.Token);
            await server.WaitUntilHealthyAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"The server process did not become ready within 90 s:\n{server.Output}");
        }

        return server;
    }

    /// <summary>SIGKILL: no shutdown, no draining, no flush; what is not on disk is lost.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    /// <summary>Reads both pipes as lines arrive: a full pipe would stall the server.</summary>
    private void Drain()
    {
        _process.OutputDataReceived += (_, e) => Seen(e.Data);
        _process.ErrorDataReceived += (_, e) => Seen(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Seen(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        var at = line.IndexOf(ListeningPrefix, StringComparison.Ordinal);
        if (at >= 0)
        {
            _listening.TrySetResult(new Uri(line[(at + ListeningPrefix.Length)..].Trim()));
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not accepting yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
