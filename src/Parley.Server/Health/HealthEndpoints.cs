using Parley.Server.Engines;

namespace Parley.Server.Health;

/// <summary><c>GET /healthz</c>: 200 once the engines are loaded, 503 before (or if they failed).</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
        => app.MapGet("/healthz", (EngineHost engines) => engines.IsReady
            ? Results.Json(new HealthStatus("ok"), HealthJsonContext.Default.HealthStatus)
            : Results.Json(new HealthStatus(engines.WhenReady.IsFaulted ? "failed" : "loading"), HealthJsonContext.Default.HealthStatus, statusCode: StatusCodes.Status503ServiceUnavailable));
}
