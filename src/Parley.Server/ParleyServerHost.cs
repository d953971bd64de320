using Parley.Server.Keys;

namespace Parley.Server;

/// <summary>The server's command line entry: <c>keys ...</c> on the database, or run the server until Ctrl+C (used by <c>Program</c> and <c>parley serve</c>).</summary>
public static class ParleyServerHost
{
    /// <summary>Runs the server (or the <c>keys</c> command) with ASP.NET Core arguments; returns the exit code.</summary>
    /// <param name="args">Configuration as <c>--Key value</c> pairs (<c>--urls</c>, <c>--PARLEY_DATA_DIR</c>, ...), or <c>keys ...</c>.</param>
    /// <param name="cancellationToken">Stops the server gracefully, as Ctrl+C does.</param>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == KeysCommand.Name)
        {
            var tool = ParleyApp.Build([]);
            return await KeysCommand.RunAsync(tool.Services, args[1..], Console.Out).ConfigureAwait(false);
        }

        var app = ParleyApp.Build(args);
        var keyNotice = await ParleyApp.BootstrapAsync(app, cancellationToken).ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var url = app.Urls.First();
        Console.WriteLine($"""

            Parley is listening on {string.Join(", ", app.Urls)}
              voice console:   {url}/   (talk to an agent in the browser)
              voice WebSocket: {url.Replace("http", "ws", StringComparison.Ordinal)}/ws/voice?token=API_KEY
              REST API:        {url}/v1   (browse it at {url}/docs)
              health:          {url}/healthz
              {keyNotice}

            """);

        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        return 0;
    }
}
