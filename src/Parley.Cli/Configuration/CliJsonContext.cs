using System.Text.Json.Serialization;
using Parley.Cli.Ask;

namespace Parley.Cli.Configuration;

/// <summary>Source-generated JSON of the command line's own files and outputs.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(CliConfig))]
[JsonSerializable(typeof(AskResult))]
[JsonSerializable(typeof(Common.DeletedResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
