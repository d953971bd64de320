using System.Text.Json;
using CsCheck;
using Parley.Testing.Fuzz;

namespace Parley.Server.Tests.Fuzz;

/// <summary>JSON bodies generated from the OpenAPI document's schemas: each property with a value of its type (now and then of another).</summary>
/// <remarks>
/// The document names properties in camelCase (<c>agentId</c>) while the API reads snake_case (<c>agent_id</c>), as
/// PROTOCOL.md and the SDK do; both spellings are generated, so the fields are reached and the mismatch is exercised.
/// </remarks>
public sealed class OpenApiBodies(JsonElement document)
{
    private const int MaxDepth = 4;
    private static readonly Gen<string> Bool = Gen.OneOf("true", "false");
    private static readonly Gen<string> DateTime = Gen.OneOf("\"2026-11-26T10:00:00Z\"", "\"not a date\"", "\"9999-12-31T23:59:59.9999999+14:00\"", "\"0001-01-01\"");

    private readonly JsonElement _schemas = document.GetProperty("components").GetProperty("schemas");

    /// <summary>A body for <paramref name="schema"/>.</summary>
    public Gen<string> For(JsonElement schema) => Of(schema, MaxDepth);

    private Gen<string> Of(JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth == 0)
        {
            return JsonFuzz.Value(1);
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return _schemas.TryGetProperty(name, out var target) ? Of(target, depth - 1) : JsonFuzz.Value(2);
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
        {
            return Gen.OneOf<string>([.. oneOf.EnumerateArray().Select(s => Of(s, depth))]);
        }

        var types = !schema.TryGetProperty("type", out var type) ? [] : type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
            : [type.GetString()!];
        if (types.Length == 0)
        {
            return schema.TryGetProperty("properties", out _) ? Object(schema, depth) : JsonFuzz.Value(2); // {}: any JSON (JsonElement)
        }

        return Gen.OneOf<string>([.. types.Select(t => t switch
        {
            "null" => Gen.Const("null"),
            "boolean" => Bool,
            "integer" or "number" => JsonFuzz.Number,
            "string" when schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" => DateTime,
            "string" => JsonFuzz.String,
            "array" => (schema.TryGetProperty("items", out var items) ? Of(items, depth - 1) : JsonFuzz.Value(1))
                .Array[0, 4].Select(values => "[" + string.Join(',', values) + "]"),
            _ => Object(schema, depth),
        })]);
    }

    private Gen<string> Object(JsonElement schema, int depth)
    {
        var fields = new List<(string, Gen<string>)>();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var value = Of(property.Value, depth - 1);
                fields.Add((SnakeCase(property.Name), value));
                fields.Add((property.Name, value));
            }
        }

        if (schema.TryGetProperty("additionalProperties", out var additional))
        {
            // A map such as a webhook's headers: names of the client's choosing.
            var value = Of(additional, depth - 1);
            return Gen.Select(JsonFuzz.String, value).Array[0, 4]
                .Select(members => "{" + string.Join(',', members.Select(m => m.Item1 + ":" + m.Item2)) + "}");
        }

        return JsonFuzz.Object(fields);
    }

    private static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
