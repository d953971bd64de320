using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Parley.Client.Serialization;

/// <summary>The JSON settings of the REST API (snake_case, source-generated), to read or write its objects yourself.</summary>
public static class ParleyJson
{
    /// <summary>Metadata for every REST object of this SDK.</summary>
    public static IJsonTypeInfoResolver TypeInfoResolver => ClientJsonContext.Default;

    /// <summary>Options that read and write the SDK's objects as the server does, indented.</summary>
    public static JsonSerializerOptions Options { get; } = new(ClientJsonContext.Default.Options);
}
