namespace Parley.Server.Engines;

/// <summary>Loads the engines in the background as the server starts.</summary>
internal sealed class EngineLoader(EngineHost engines) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(engines.Load, stoppingToken);
}
