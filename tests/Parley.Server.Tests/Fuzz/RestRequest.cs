using System.Net.Http.Headers;
using System.Text;

namespace Parley.Server.Tests.Fuzz;

/// <summary>One generated REST call: an operation of the document with its path filled, a query, headers, a key and a body.</summary>
/// <param name="PathIds">For each path parameter: a pick among the real ids of its kind, or text of the fuzzer's own.</param>
/// <param name="Key">Which credential: 0 the teamspace's admin, 1 its plain key, 2 a malformed Authorization header.</param>
public sealed record RestRequest(
    OpenApiOperation Operation,
    IReadOnlyList<(int Pick, string? Own)> PathIds,
    IReadOnlyList<(string Name, string Value)> Query,
    IReadOnlyList<(string Name, string Value)> Headers,
    int Key,
    RestBody Body)
{
    /// <summary>The request as sent, with the path filled from <paramref name="ids"/>.</summary>
    public HttpRequestMessage ToMessage(Func<string, int, string> ids, string adminKey, string userKey, string malformedAuthorization)
    {
        var segments = Operation.Path.Split('/');
        var parameter = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{'))
            {
                var (pick, own) = PathIds[parameter++ % PathIds.Count];
                segments[i] = Uri.EscapeDataString(own ?? ids(segments[i - 1], pick));
            }
        }

        var query = Query.Count == 0 ? string.Empty : "?" + string.Join('&', Query.Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value)}"));
        var request = new HttpRequestMessage(new HttpMethod(Operation.Method), string.Join('/', segments) + query) { Content = Body.ToContent() };
        if (Key == 2)
        {
            request.Headers.TryAddWithoutValidation("Authorization", malformedAuthorization);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key == 0 ? adminKey : userKey);
        }

        foreach (var (name, raw) in Headers)
        {
            // Line breaks would split the header on the wire: HttpClient refuses them, as any HTTP client must.
            var value = raw.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ');
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    public override string ToString()
    {
        var text = new StringBuilder($"{Operation} ids [{string.Join(", ", PathIds.Select(p => p.Own ?? $"#{p.Pick}"))}] key {Key}");
        text.Append($" query [{string.Join('&', Query.Select(q => $"{q.Name}={Shorten(q.Value)}"))}]");
        text.Append($" headers [{string.Join("; ", Headers.Select(h => $"{h.Name}: {Shorten(h.Value)}"))}] body {Body}");
        return text.ToString();
    }

    internal static string Shorten(string text) => text.Length <= 300 ? text : $"{text[..300]}… ({text.Length} chars)";
}

/// <summary>A request body: none, bytes with a content type, or multipart parts.</summary>
public sealed record RestBody(string? ContentType, byte[]? Bytes, IReadOnlyList<RestPart>? Parts)
{
    public static RestBody None { get; } = new(null, null, null);

    public HttpContent? ToContent()
    {
        if (Parts is not null)
        {
            var form = new MultipartFormDataContent();
            foreach (var part in Parts)
            {
                var content = new ByteArrayContent(part.Bytes);
                if (part.ContentType is not null)
                {
                    content.Headers.TryAddWithoutValidation("Content-Type", part.ContentType);
                }

                // Set by hand: MultipartFormDataContent.Add refuses an empty name, which a client may well send.
                content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
                {
                    Name = Quoted(part.Name),
                    FileName = part.FileName is null ? null : Quoted(part.FileName),
                };
                form.Add(content);
            }

            return form;
        }

        if (Bytes is null)
        {
            return null;
        }

        var bytes = new ByteArrayContent(Bytes);
        if (ContentType is not null)
        {
            bytes.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        return bytes;
    }

    private static string Quoted(string value) => "\"" + value.Replace("\"", "%22", StringComparison.Ordinal) + "\"";

    public override string ToString() => Parts is not null
        ? $"multipart [{string.Join(", ", Parts)}]"
        : Bytes is null ? "none" : $"{ContentType}: {RestRequest.Shorten(Encoding.UTF8.GetString(Bytes))}";
}

/// <summary>One part of a multipart body.</summary>
public sealed record RestPart(string Name, string? FileName, string? ContentType, byte[] Bytes)
{
    public override string ToString() => $"{Name} {FileName} {ContentType} {Bytes.Length} bytes";
}
