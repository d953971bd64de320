using Parley.Server.Cluster;
using Parley.Server.Engines;
using Parley.Server.Voice;
using Parley.Storage.Database;

namespace Parley.Server.Health;

/// <summary>
/// <c>GET /livez</c>, the liveness check: 200 while the process serves requests. <c>GET /readyz</c> (and <c>/healthz</c>,
/// as before), the readiness check: 200 once the engines are loaded, the database (and Redis, on a cluster) answer,
/// and the node is not draining; 503 otherwise.
/// </summary>
/// <remarks>
/// The database and Redis are asked on every call, so a SQLite file deleted under the running server, or a
/// PostgreSQL or Redis out of reach, takes the node out of its load balancer at once; a draining node leaves it
/// before it ends its sessions. Liveness asks nothing outside the process: a database outage must not get every
/// node restarted at once. The reason goes to the log, not to the unauthenticated caller.
/// </remarks>
internal static partial class HealthEndpoints
{
    private static readonly TimeSpan DependencyTimeout = TimeSpan.FromSeconds(3);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync);
        app.MapGet("/readyz", CheckAsync);
        app.MapGet("/livez", () => Results.Json(new HealthStatus("ok"), HealthJsonContext.Default.HealthStatus));
    }

    private static async Task<IResult> CheckAsync(
        EngineHost engines, ParleyDatabase database, SessionRegistry sessions, IServiceProvider services, ILogger<HealthStatus> logger, CancellationToken cancellationToken)
    {
        if (sessions.IsDraining)
        {
            return Unavailable("draining");
        }

        if (!engines.IsReady)
        {
            return Unavailable(engines.WhenReady.IsFaulted ? "failed" : "loading");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DependencyTimeout);
        if (await database.CheckAsync(timeout.Token).ConfigureAwait(false) is { } problem)
        {
            LogUnavailable(logger, problem);
            return Unavailable("database_unavailable");
        }

        if (services.GetService<RedisConnection>() is { } redis && await redis.CheckAsync(DependencyTimeout).ConfigureAwait(false) is { } redisProblem)
        {
            LogUnavailable(logger, redisProblem);
            return Unavailable("redis_unavailable");
        }

        return Results.Json(new HealthStatus("ok"), HealthJsonContext.Default.HealthStatus);
    }

    private static IResult Unavailable(string status)
        => Results.Json(new HealthStatus(status), HealthJsonContext.Default.HealthStatus, statusCode: StatusCodes.Status503ServiceUnavailable);

    [LoggerMessage(Level = LogLevel.Error, Message = "Not ready: {Problem}")]
    private static partial void LogUnavailable(ILogger logger, string problem);
}
