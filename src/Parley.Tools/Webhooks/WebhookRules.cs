using System.Text.RegularExpressions;

namespace Parley.Tools.Webhooks;

/// <summary>What a webhook definition may hold: names, methods and headers. The API checks definitions against these.</summary>
public static partial class WebhookRules
{
    /// <summary>The most webhooks one agent may have.</summary>
    public const int MaxPerAgent = 32;

    /// <summary>The methods a webhook may use.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Headers the HTTP stack owns: a definition may not set them.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer",
        "Proxy-Authorization", "Proxy-Connection", "Expect",
    };

    /// <summary>Whether <paramref name="name"/> may name a tool: 1 to 64 of <c>a-z A-Z 0-9 _ -</c>, as model APIs require.</summary>
    public static bool IsValidName(string name) => ToolName().IsMatch(name);

    /// <summary>Whether the arguments go in a JSON body (POST, PUT, PATCH) rather than the query string (GET, DELETE).</summary>
    public static bool SendsBody(string method) => method is "POST" or "PUT" or "PATCH";

    /// <summary>Whether a definition may set the header <paramref name="name"/>: a valid field name the HTTP stack does not own.</summary>
    public static bool IsAllowedHeader(string name) => HeaderName().IsMatch(name) && !Reserved.Contains(name);

    /// <summary>Whether a header value is one line of visible text (secrets are checked again once filled in).</summary>
    public static bool IsValidHeaderValue(string value) => !value.Any(c => c is '\r' or '\n' or '\0');

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ToolName();

    // RFC 9110 token characters.
    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderName();
}
