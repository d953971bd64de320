using System.Text;
using CsCheck;
using Parley.Testing.Fuzz;

namespace Parley.Server.Tests.Fuzz;

/// <summary>Generates <see cref="RestRequest"/>s for every operation of the document: bodies from its schemas, mutated or not, and odd queries and headers.</summary>
public static class RestRequestGen
{
    // The document lists no query parameters, so the ones the README documents are named here, with some it does not.
    private static readonly string[] QueryNames =
        ["limit", "after", "before", "search", "sort", "direction", "timeline_limit", "timeline_offset", "teamspace_id", "order", "page", "limit[]", ""];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=latin1", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data", "multipart/form-data; boundary=x", "application/merge-patch+json", "*/*", "", "application/json; charset=\"",
    ];

    private static readonly string[] HeaderNames = ["Datagrid-Teamspace", "Accept", "Accept-Encoding", "X-Forwarded-For", "Content-Encoding", "Expect", "Origin"];

    private static readonly ByteMutator Mutator = new(JsonFuzz.Tokens);

    /// <summary>A request for any operation; bodies follow the operation's schema most of the time.</summary>
    public static Gen<RestRequest> For(IReadOnlyList<OpenApiOperation> operations, OpenApiBodies bodies)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return Gen.OneOf<RestRequest>([.. operations.Select(operation => For(operation, bodies))]);
    }

    private static Gen<RestRequest> For(OpenApiOperation operation, OpenApiBodies bodies)
    {
        var pathId = Gen.Frequency(
            (6, Gen.Int[0, 1000].Select(pick => (pick, (string?)null))),
            (1, JsonFuzz.Text().Select(own => (0, (string?)own))));
        var query = Gen.Select(Gen.OneOf(QueryNames), QueryValue).Array[0, 3];
        var headers = Gen.Select(Gen.OneOf(HeaderNames), Gen.OneOf<string>(JsonFuzz.Text(), Gen.OneOf("100-continue", "gzip", "application/json", "1.2.3.4, ::1"))).Array[0, 2];
        var key = Gen.Frequency((14, Gen.Const(0)), (5, Gen.Const(1)), (1, Gen.Const(2)));
        return Gen.Select(pathId.Array[2], query, headers, key, Body(operation, bodies), (ids, q, h, k, body) => new RestRequest(operation, ids, q, h, k, body));
    }

    private static Gen<string> QueryValue { get; } = Gen.Frequency(
        (3, Gen.Int[-5, 2000].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (3, JsonFuzz.Text()),
        (1, Gen.OneOf("created_at", "updated_at", "asc", "desc", "", "1e9", "NaN", "-0", "00000000-0000-0000-0000-000000000000")));

    private static Gen<RestBody> Body(OpenApiOperation operation, OpenApiBodies bodies)
    {
        var random = Gen.Select(Gen.OneOf(ContentTypes), Gen.Byte.Array[0, 2048]).Select((type, bytes) => new RestBody(type, bytes, null));
        var anyJson = JsonFuzz.Value(2).Select(json => Json(json));
        if (operation.Bodies.Count == 0)
        {
            return Gen.Frequency((6, Gen.Const(RestBody.None)), (1, anyJson), (1, random));
        }

        var options = new List<(int, IGen<RestBody>)> { (1, Gen.Const(RestBody.None)), (1, anyJson), (1, random) };
        foreach (var (media, schema) in operation.Bodies)
        {
            if (media.StartsWith("multipart/", StringComparison.Ordinal))
            {
                options.Add((6, Multipart));
                continue;
            }

            var valid = bodies.For(schema);
            options.Add((8, Gen.Select(valid, Gen.OneOf(ContentTypes[..2])).Select((json, type) => Json(json, type))));
            options.Add((3, Mutator.Of([.. Enumerable.Range(0, 4).Select(_ => Encoding.UTF8.GetBytes("{}"))]).Select(m => new RestBody(ContentTypes[0], m.Bytes, null))));
            options.Add((3, valid.SelectMany(json => Mutator.Of([Encoding.UTF8.GetBytes(json)])).Select(m => new RestBody(ContentTypes[0], m.Bytes, null))));
        }

        return Gen.Frequency([.. options]);
    }

    /// <summary>A knowledge upload: files of every supported kind and some that are not, a name, stray fields.</summary>
    private static Gen<RestBody> Multipart { get; } =
        Gen.Select(
            Gen.Select(
                Gen.Frequency((4, Gen.Const("files[]")), (2, Gen.Const("files")), (1, Gen.OneOf("file", "name", ""))),
                // A PDF starts a reader process: rare, so the suite stays quick; the extraction fuzz reads many in-process.
                Gen.Frequency((8, Gen.OneOf("a.txt", "b.md", "c.markdown", "noext", "../../etc/passwd.txt", "x.exe", "")), (1, Gen.Const("d.pdf"))),
                Gen.OneOf<string?>("text/plain", "text/markdown", "application/pdf", "application/octet-stream", null),
                Gen.Frequency((3, JsonFuzz.Text().Select(Encoding.UTF8.GetBytes)), (1, Gen.Byte.Array[0, 4096])))
                .Select((name, file, type, bytes) => new RestPart(name, file, type, bytes))
                .Array[0, 3],
            Gen.OneOf<string?>(null, "kb", "", "\ud800").Select(name => name is null ? null : new RestPart("name", null, null, Encoding.UTF8.GetBytes(name))))
            .Select((files, name) => new RestBody("multipart/form-data", null, name is null ? files : [.. files, name]));

    private static RestBody Json(string json, string type = "application/json") => new(type, Encoding.UTF8.GetBytes(json), null);
}
