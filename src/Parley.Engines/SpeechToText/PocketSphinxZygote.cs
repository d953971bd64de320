using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Parley.Engines.SpeechToText;

/// <summary>One running helper process: a built decoder that keeps forked copies of itself waiting for connections to its socket.</summary>
/// <remarks>
/// Its stdin is the server's lifeline: closing it (or the server dying) makes the helper stop and its waiting copies
/// with it. Streams already taken go on until their sockets close, so a zygote that dies takes no live stream with it.
/// </remarks>
internal sealed class PocketSphinxZygote : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private PocketSphinxZygote(Process process, string socketPath)
    {
        _process = process;
        SocketPath = socketPath;
    }

    /// <summary>The helper's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Where the helper listens.</summary>
    public string SocketPath { get; }

    /// <summary>Whether the helper has exited (killed, crashed or told to stop).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the helper and waits until its decoder is built and it listens on <paramref name="socketPath"/>.</summary>
    /// <exception cref="InvalidOperationException">PocketSphinx, in the helper, refused its arguments or model.</exception>
    /// <exception cref="PocketSphinxHelperUnavailableException">The helper could not run, speaks another protocol, exited or did not start in time.</exception>
    public static async Task<PocketSphinxZygote> StartAsync(
        string helper, IReadOnlyList<string> arguments, string socketPath, int spares, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(helper)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["serve", socketPath, spares.ToString(CultureInfo.InvariantCulture), "--", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PocketSphinxHelperUnavailableException($"Could not start the PocketSphinx helper {helper}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PocketSphinxHelperUnavailableException(
                $"Could not start the PocketSphinx helper {helper} ({ex.Message}): run scripts/setup.sh to build it, or set Parley:Engines:PocketSphinx:Mode to InProcess.", ex);
        }

        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PocketSphinxHelperUnavailableException($"The PocketSphinx helper did not build its decoder within {timeout.TotalSeconds:0} s.");
            }

            CheckReady(line, process);
            return new PocketSphinxZygote(process, socketPath);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>Connects to the helper, where a spare decoder process takes the connection; every send and receive on it has <paramref name="timeout"/>.</summary>
    /// <exception cref="SocketException">The helper is not listening (it has exited).</exception>
    public Socket Connect(TimeSpan timeout)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            var milliseconds = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
            socket.SendTimeout = milliseconds;
            socket.ReceiveTimeout = milliseconds;
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Tells the helper to stop (closes its stdin), waits briefly, then kills it; removes its socket.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Stop(_process);
        File.Delete(SocketPath);
    }

    private static void CheckReady(string? line, Process process)
    {
        var words = line?.Split(' ', 3) ?? [];
        if (words is ["ready", var version, var pid] && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            if (version != PocketSphinxHelperProtocol.Version.ToString(CultureInfo.InvariantCulture))
            {
                throw new PocketSphinxHelperUnavailableException(
                    $"The PocketSphinx helper speaks protocol {version}, this server {PocketSphinxHelperProtocol.Version}: run scripts/setup.sh to rebuild it.");
            }

            return;
        }

        if (words is ["error", ..])
        {
            throw new InvalidOperationException($"The PocketSphinx helper could not start: {line!["error ".Length..]}.");
        }

        var exit = process.WaitForExit(TimeSpan.FromSeconds(1)) ? $"exited with code {process.ExitCode}" : "said something else";
        throw new PocketSphinxHelperUnavailableException($"The PocketSphinx helper {exit} before it was ready{(line is null ? "" : $": '{line}'")}.");
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(TimeSpan.FromSeconds(2)))
                {
                    process.Kill();
                    process.WaitForExit(TimeSpan.FromSeconds(2));
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // It exited meanwhile.
        }
        finally
        {
            process.Dispose();
        }
    }
}
