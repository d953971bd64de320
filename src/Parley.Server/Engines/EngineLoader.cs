using Parley.Server.Voice;

namespace Parley.Server.Engines;

/// <summary>Loads the engines in the background as the server starts, then warms the agent path.</summary>
internal sealed class EngineLoader(EngineHost engines, VoiceSessionServicesProvider sessions) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Run(engines.Load, stoppingToken).ConfigureAwait(false);
        if (engines.IsReady)
        {
            await sessions.WarmUpAsync(stoppingToken).ConfigureAwait(false);
        }
    }
}
