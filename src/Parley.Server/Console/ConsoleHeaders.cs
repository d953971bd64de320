namespace Parley.Server.VoiceConsole;

/// <summary>Response headers for the console's files: always revalidated, and locked to this origin.</summary>
internal static class ConsoleHeaders
{
    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        // Revalidate each time (the ETag makes that cheap), so a server upgrade never leaves a stale module behind.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var host = context.Request.Host.Value;
        // The page talks only to its own server: REST on this origin and the voice socket on the same host.
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
            + $"connect-src 'self' ws://{host} wss://{host}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}
