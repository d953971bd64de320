using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Tests.Cluster;

/// <summary>
/// A loopback TCP proxy in front of a real server that holds every answer back by <see cref="Delay"/> before passing
/// it on: a Redis on a busy machine, as the client sees it. Requests go through at once.
/// </summary>
internal sealed class SlowTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;

    public SlowTcpProxy(string upstream)
    {
        var colon = upstream.LastIndexOf(':');
        (_host, _port) = (upstream[..colon], int.Parse(upstream[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The address clients connect to.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How long each answer is held back; zero passes them on at once.</summary>
    public TimeSpan Delay { get; set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(static _ => { }, TaskScheduler.Default);
        Task[] pumps;
        lock (_gate)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps).ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            await server.ConnectAsync(_host, _port, _stop.Token);
            lock (_gate)
            {
                _pumps.Add(PumpAsync(client, server));
            }
        }
    }

    private async Task PumpAsync(TcpClient client, TcpClient server)
    {
        using (client)
        using (server)
        {
            var up = CopyAsync(client.GetStream(), server.GetStream(), slow: false);
            var down = CopyAsync(server.GetStream(), client.GetStream(), slow: true);
            await Task.WhenAny(up, down);
            client.Close();
            server.Close();
            await Task.WhenAll(up, down).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to, bool slow)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (slow && Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, _stop.Token);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}
