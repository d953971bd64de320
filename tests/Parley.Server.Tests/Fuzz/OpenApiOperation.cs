using System.Text.Json;

namespace Parley.Server.Tests.Fuzz;

/// <summary>One operation of the OpenAPI document: method, path template, and the schema of its body for each media type.</summary>
public sealed record OpenApiOperation(string Method, string Path, IReadOnlyDictionary<string, JsonElement> Bodies)
{
    /// <summary>Every operation of the document at <c>/openapi/v1.json</c>.</summary>
    public static IReadOnlyList<OpenApiOperation> Read(JsonElement document)
    {
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var bodies = new Dictionary<string, JsonElement>();
                if (operation.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                {
                    foreach (var media in content.EnumerateObject())
                    {
                        bodies[media.Name] = media.Value.TryGetProperty("schema", out var schema) ? schema.Clone() : default;
                    }
                }

                operations.Add(new OpenApiOperation(operation.Name.ToUpperInvariant(), path.Name, bodies));
            }
        }

        return operations;
    }

    public override string ToString() => $"{Method} {Path}";
}
