using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace Parley.Cluster.Tests.Infrastructure;

/// <summary>One Parley node: the real server binary as a child process on a fixed loopback port, which a test may kill or send SIGTERM.</summary>
public sealed partial class ParleyNode : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly string[] _arguments;
    private readonly NodeLog _log;
    private Process? _process;

    public ParleyNode(string name, int port, string[] arguments, NodeLog log)
    {
        Name = name;
        Port = port;
        _arguments = arguments;
        _log = log;
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The exit code of the last run, once it has exited.</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>The server's own build output, beside this test's (same configuration).</summary>
    public static string ServerDll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory); // tests/Parley.Cluster.Tests/bin/CONFIG/TFM/
            var tfm = testBin.Name;
            var configuration = testBin.Parent!.Name;
            var root = testBin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(root, "src", "Parley.Server", "bin", configuration, tfm, "Parley.Server.dll");
        }
    }

    /// <summary>Starts the node and waits until its readiness check answers 200.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(ServerDll)!,
        };
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _log.Add(Name, $"[test] started, pid {process.Id}");
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(180));
    }

    /// <summary>SIGTERM, as Kubernetes or docker stop sends: the node drains.</summary>
    public void Terminate()
    {
        _log.Add(Name, "[test] SIGTERM");
        _ = SendSignal(_process!.Id, SigTerm);
    }

    /// <summary>SIGKILL: the node dies at once, holding whatever it held.</summary>
    public void Kill()
    {
        _log.Add(Name, "[test] SIGKILL");
        _process!.Kill();
    }

    /// <summary>Waits for the process to end.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cancel.Token);
        _log.Add(Name, $"[test] exited with {_process.ExitCode}");
    }

    /// <summary>The status of <c>GET path</c> on this node, or null when it does not answer.</summary>
    public async Task<HttpStatusCode?> StatusOfAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} exited with {_process.ExitCode} while starting:\n{string.Join('\n', _log.Lines.Where(l => l.Source == Name).TakeLast(40))}");
            }

            if (await StatusOfAsync("/readyz") == HttpStatusCode.OK)
            {
                _log.Add(Name, "[test] ready");
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Node {Name} was not ready within {timeout.TotalSeconds} s.");
    }

    private void Read(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            _log.Add(Name, line.Trim());
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);
}
