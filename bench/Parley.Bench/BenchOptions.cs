using System.Globalization;
using Parley.Bench.Soak;

namespace Parley.Bench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:8080");
    public string ApiKey { get; init; } = "";
    public IReadOnlyList<int> Callers { get; init; } = [1, 2, 4, 8, 16, 32];
    public int Turns { get; init; } = 3;
    public string OutDir { get; init; } = "artifacts/bench";
    public int? ServerPid { get; init; }

    /// <summary>Samples per microphone chunk; 4096 (256 ms, 8192 bytes) is what the iOS client sends.</summary>
    public int ChunkSamples { get; init; } = 4096;

    /// <summary>How long the answer's audio must have stopped before the caller speaks again.</summary>
    public int QuietMs { get; init; } = 700;

    /// <summary>A turn with no agent audio this long after the end of speech counts as an error.</summary>
    public int AnswerTimeoutMs { get; init; } = 15000;

    public string Voice { get; init; } = "rms";

    /// <summary>How callers reach the server, each step run once per transport in this order: <c>websocket</c>, <c>phone</c> or both.</summary>
    public IReadOnlyList<string> Transports { get; init; } = [Bench.Transports.WebSocket];

    /// <summary>Every this-many-th turn of a caller talks over the agent's answer; 0 for none.</summary>
    public int BargeInEvery { get; init; } = 3;

    /// <summary>How much of the answer (from its first audio at the client) the caller hears before talking over it.</summary>
    public int BargeInDelayMs { get; init; } = 400;

    /// <summary>
    /// Before each turn a caller thinks for a random 0 to this many ms (seeded by the caller's number), as people do;
    /// 0 keeps every caller in step, the worst case: all of them finish speaking at the same moment.
    /// </summary>
    public int ThinkMs { get; init; }

    /// <summary>The p95 of end of speech → first audio a step must stay under to count as keeping up.</summary>
    public int TargetP95Ms { get; init; } = 450;

    /// <summary>Whether to draw the PNG plots.</summary>
    public bool Plots { get; init; } = true;

    /// <summary>Instead of the load steps, a soak (<c>--soak</c>): long-running callers, sessions one after another, or both.</summary>
    public SoakPhases Soak { get; init; }

    /// <summary>How long the soak's callers talk.</summary>
    public int SoakMinutes { get; init; } = 10;

    /// <summary>The first minutes of the callers' soak, while pools and caches fill; flatness is judged after them.</summary>
    public int SoakWarmupMinutes { get; init; } = 2;

    /// <summary>Callers talking at once in the callers' soak.</summary>
    public int SoakCallers { get; init; } = 16;

    /// <summary>Sessions run one after another in the sessions' soak.</summary>
    public int SoakSessions { get; init; } = 1000;

    /// <summary>The first sessions of the sessions' soak, after which memory growth is counted.</summary>
    public int SoakWarmupSessions { get; init; } = 100;

    /// <summary>Whether turn <paramref name="turn"/> (0-based) is a barge-in turn.</summary>
    public bool IsBargeInTurn(int turn) => BargeInEvery > 0 && (turn + 1) % BargeInEvery == 0;

    public const string Usage =
        "usage: Parley.Bench --url URL --api-key KEY [--callers 1,2,4,8,16,32] [--turns 3] [--out DIR] [--server-pid PID]\n" +
        "                    [--chunk-samples 4096] [--quiet-ms 700] [--answer-timeout-ms 15000] [--voice rms]\n" +
        "                    [--barge-in-every 3] [--barge-in-delay-ms 400] [--target-p95-ms 450] [--think-ms 0] [--plots on|off]\n" +
        "                    [--transports websocket|phone|websocket,phone]\n" +
        "       Parley.Bench --url URL --api-key KEY --soak callers|sessions|both [--soak-minutes 10] [--soak-warmup-minutes 2]\n" +
        "                    [--soak-callers 16] [--soak-sessions 1000] [--soak-warmup-sessions 100] [--out DIR] --server-pid PID\n" +
        "The key may also come from PARLEY_API_KEY.";

    /// <summary>Parses the arguments; returns null and an error message when they are wrong.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new BenchOptions { ApiKey = Environment.GetEnvironmentVariable("PARLEY_API_KEY") ?? "" };
        error = null;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var name = args[i];
                if (name is "-h" or "--help")
                {
                    error = Usage;
                    return null;
                }

                if (i + 1 >= args.Count)
                {
                    error = $"{name} needs a value.\n{Usage}";
                    return null;
                }

                var value = args[++i];
                options = name switch
                {
                    "--url" => options with { Url = new Uri(value, UriKind.Absolute) },
                    "--api-key" => options with { ApiKey = value },
                    "--callers" => options with { Callers = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Positive)] },
                    "--turns" => options with { Turns = Positive(value) },
                    "--out" => options with { OutDir = value },
                    "--server-pid" => options with { ServerPid = Positive(value) },
                    "--chunk-samples" => options with { ChunkSamples = Positive(value) },
                    "--quiet-ms" => options with { QuietMs = Positive(value) },
                    "--answer-timeout-ms" => options with { AnswerTimeoutMs = Positive(value) },
                    "--voice" => options with { Voice = value },
                    "--transports" => options with { Transports = TransportsOf(value) },
                    "--barge-in-every" => options with { BargeInEvery = NonNegative(value) },
                    "--barge-in-delay-ms" => options with { BargeInDelayMs = NonNegative(value) },
                    "--target-p95-ms" => options with { TargetP95Ms = Positive(value) },
                    "--think-ms" => options with { ThinkMs = NonNegative(value) },
                    "--soak" => options with { Soak = SoakPhasesOf(value) },
                    "--soak-minutes" => options with { SoakMinutes = Positive(value) },
                    "--soak-warmup-minutes" => options with { SoakWarmupMinutes = NonNegative(value) },
                    "--soak-callers" => options with { SoakCallers = Positive(value) },
                    "--soak-sessions" => options with { SoakSessions = Positive(value) },
                    "--soak-warmup-sessions" => options with { SoakWarmupSessions = NonNegative(value) },
                    "--plots" => options with { Plots = value is "on" or "true" ? true : value is "off" or "false" ? false : throw new FormatException("--plots takes on or off") },
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
        }
        catch (FormatException ex)
        {
            error = $"{ex.Message}\n{Usage}";
            return null;
        }

        if (options.ApiKey.Length == 0)
        {
            error = $"--api-key (or PARLEY_API_KEY) is required.\n{Usage}";
            return null;
        }

        if (options.Soak != SoakPhases.None && options.ServerPid is null)
        {
            error = $"--soak measures the server's memory and open files: --server-pid is required.\n{Usage}";
            return null;
        }

        if (options.SoakWarmupMinutes >= options.SoakMinutes || options.SoakWarmupSessions >= options.SoakSessions)
        {
            error = $"the warm-up must be shorter than the soak.\n{Usage}";
            return null;
        }

        return options;
    }

    private static string[] TransportsOf(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length > 0 && names.All(Bench.Transports.All.Contains) && names.Distinct().Count() == names.Length
            ? names
            : throw new FormatException($"--transports takes {string.Join(" and/or ", Bench.Transports.All)}, comma-separated, each once");
    }

    private static SoakPhases SoakPhasesOf(string value) => value switch
    {
        "callers" => SoakPhases.Callers,
        "sessions" => SoakPhases.Sessions,
        "both" => SoakPhases.Callers | SoakPhases.Sessions,
        _ => throw new FormatException("--soak takes callers, sessions or both"),
    };

    private static int NonNegative(string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"'{value}' is not a whole number");

    private static int Positive(string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"'{value}' is not a positive whole number");
}
