using Parley.Sessions;

namespace Parley.Server.Api;

/// <summary>The authenticated caller of an API request, set by <see cref="ApiKeyMiddleware"/>.</summary>
public static class CallerContext
{
    private static readonly object Key = new();

    /// <summary>Remembers the caller for the rest of the request.</summary>
    public static void Set(HttpContext context, ApiCaller caller) => context.Items[Key] = caller;

    /// <summary>The caller, or null before authentication.</summary>
    public static ApiCaller? Find(HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as ApiCaller : null;

    /// <summary>The caller; the API middleware guarantees one on every <c>/v1</c> endpoint.</summary>
    public static ApiCaller Caller(this HttpContext context) => Find(context) ?? throw new InvalidOperationException("No authenticated caller.");
}
