using Parley.Server.Engines;
using Parley.Storage.Database;

namespace Parley.Server.Health;

/// <summary><c>GET /healthz</c>, the readiness check: 200 once the engines are loaded and the database answers; 503 before, or when either fails.</summary>
/// <remarks>
/// The database is asked on every call, so a SQLite file deleted under the running server, or a PostgreSQL server
/// out of reach, takes the node out of its load balancer at once. The reason goes to the log, not to the
/// unauthenticated caller.
/// </remarks>
internal static partial class HealthEndpoints
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    public static void MapHealth(this IEndpointRouteBuilder app) => app.MapGet("/healthz", CheckAsync);

    private static async Task<IResult> CheckAsync(EngineHost engines, ParleyDatabase database, ILogger<HealthStatus> logger, CancellationToken cancellationToken)
    {
        if (!engines.IsReady)
        {
            return Unavailable(engines.WhenReady.IsFaulted ? "failed" : "loading");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DatabaseTimeout);
        if (await database.CheckAsync(timeout.Token).ConfigureAwait(false) is { } problem)
        {
            LogDatabaseUnavailable(logger, problem);
            return Unavailable("database_unavailable");
        }

        return Results.Json(new HealthStatus("ok"), HealthJsonContext.Default.HealthStatus);
    }

    private static IResult Unavailable(string status)
        => Results.Json(new HealthStatus(status), HealthJsonContext.Default.HealthStatus, statusCode: StatusCodes.Status503ServiceUnavailable);

    [LoggerMessage(Level = LogLevel.Error, Message = "Not ready: {Problem}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string problem);
}
