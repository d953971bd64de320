using System.Text.Json;

namespace Parley.Cli.Tests.Infrastructure;

/// <summary>Runs <c>parley</c> in this process with its own environment and a home folder of its own, capturing its output.</summary>
public sealed class CliRun : IDisposable
{
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public CliRun(string? url = null, string? apiKey = null)
    {
        Home = Directory.CreateTempSubdirectory("parley-cli-home-").FullName;
        _environment["HOME"] = Home;
        _environment["PARLEY_URL"] = url;
        _environment["PARLEY_API_KEY"] = apiKey;
    }

    /// <summary>The home folder the run sees (the config file goes under it).</summary>
    public string Home { get; }

    public string ConfigPath => Path.Combine(Home, ".config", "parley", "config.json");

    public CliRun With(string name, string? value)
    {
        _environment[name] = value;
        return this;
    }

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = CliContext.Plain(output, error, name => _environment.GetValueOrDefault(name));
        var code = await ParleyCli.RunAsync(args, context, cancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Home, recursive: true);
}

/// <summary>What a run printed and its exit code.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public JsonElement Json() => JsonDocument.Parse(Output).RootElement.Clone();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
