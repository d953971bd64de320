using OpenTelemetry.Metrics;
using Parley.Sessions.Telemetry;

namespace Parley.Server.Telemetry;

/// <summary>OpenTelemetry metrics for the server: the <c>Parley</c> meter, ASP.NET Core and runtime, served to Prometheus.</summary>
internal static class TelemetrySetup
{
    /// <summary>Registers the meter provider and its Prometheus exporter, configured from <c>Parley:Metrics</c>.</summary>
    public static IServiceCollection AddParleyTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Parley:Metrics").Get<MetricsOptions>() ?? new MetricsOptions();
        services.AddSingleton(options);
        services.AddSingleton<LiveSessionGauge>();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ParleyMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http")
            .AddRuntimeInstrumentation()
            // No response cache: a scrape right after a turn (the benchmark, the tests) sees that turn.
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Serves <c>GET /metrics</c> (or the configured path) in the Prometheus text format, behind a key when configured.</summary>
    public static void MapParleyMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<MetricsOptions>();
        app.Services.GetRequiredService<LiveSessionGauge>();
        if (!options.Enabled)
        {
            return;
        }

        app.MapPrometheusScrapingEndpoint(
            options.Path,
            meterProvider: null,
            configureBranchedPipeline: branch =>
            {
                if (options.RequireKey)
                {
                    branch.UseMiddleware<MetricsKeyMiddleware>();
                }
            },
            optionsName: null);
    }
}
