namespace Parley.Server.Api;

/// <summary>Puts the API's middleware on the <c>/v1</c> branch: errors, key authentication, rate limiting.</summary>
internal static class ApiPipeline
{
    public const string Prefix = "/v1";

    public static void UseParleyApi(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<ApiRateLimiter>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Prefix),
            api =>
            {
                api.UseMiddleware<ApiErrorMiddleware>();
                api.UseMiddleware<ApiKeyMiddleware>();
                api.Use(async (context, next) =>
                {
                    context.Response.OnStarting(() =>
                    {
                        limiter.AddHeaders(context);
                        return Task.CompletedTask;
                    });
                    await next(context).ConfigureAwait(false);
                });
                api.Use(async (context, next) =>
                {
                    if (!await limiter.TryAcquireAsync(context).ConfigureAwait(false))
                    {
                        await limiter.RejectAsync(context).ConfigureAwait(false);
                        return;
                    }

                    await next(context).ConfigureAwait(false);
                });
            });
    }
}
