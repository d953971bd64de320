using Parley.Bench;
using Parley.Bench.Metrics;
using Parley.Bench.Phone;
using Parley.Bench.Soak;

var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var clips = await BenchClips.SynthesiseAsync(options.Voice, cancel.Token);
foreach (var clip in clips.All)
{
    Console.WriteLine($"clip \"{clip.Text}\": {clip.Duration.TotalMilliseconds:0} ms, speech {clip.StartOfSpeech.TotalMilliseconds:0}–{clip.EndOfSpeech.TotalMilliseconds:0} ms");
}

var probe = options.ServerPid is { } pid ? new ServerProbe(pid) : null;
if (probe is not null && probe.CpuSeconds() is null)
{
    Console.WriteLine($"cannot read /proc/{probe.Pid}; server CPU and memory are not measured");
    probe = null;
}

if (options.Soak != SoakPhases.None)
{
    if (probe is null)
    {
        Console.Error.WriteLine("a soak measures the server through /proc: run it on the server's machine with --server-pid");
        return 2;
    }

    var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
    Console.WriteLine($"soak: load average {load}");
    var sessionsSoak = options.Soak.HasFlag(SoakPhases.Sessions)
        ? await SessionsSoak.RunAsync(options, clips, probe, cancel.Token)
        : null;
    if (options.Soak.HasFlag(SoakPhases.Callers))
    {
        Console.WriteLine($"callers: {options.SoakCallers} callers for {options.SoakMinutes} minutes");
    }

    var callersSoak = options.Soak.HasFlag(SoakPhases.Callers)
        ? await CallersSoak.RunAsync(options, clips, probe, cancel.Token)
        : null;
    var missed = await SoakReport.WriteAsync(options, callersSoak, sessionsSoak, load, cancel.Token);
    Console.WriteLine(missed.Count == 0 ? $"soak: every target met; wrote {options.OutDir}" : $"soak: {missed.Count} target(s) missed; see {options.OutDir}/soak.md");
    return missed.Count == 0 ? 0 : 1;
}

// The idle server's memory, from which each step's growth per session is counted.
var rssBaseline = probe?.RssMiB();
using var scraper = new MetricsScraper(options.Url, options.ApiKey);
using var phoneNumber = options.Transports.Contains(Transports.Phone) ? await PhoneNumberSetup.CreateAsync(options.Url, options.ApiKey, cancel.Token) : null;
if (phoneNumber is not null)
{
    Console.WriteLine($"phone: calls ring {phoneNumber.Number} through Twilio's voice webhook and media stream (the emulated carrier)");
}

var steps = new List<StepResult>();
foreach (var callers in options.Callers)
{
    foreach (var transport in options.Transports)
    {
        var label = $"N={callers} {transport}";
        Console.WriteLine(transport == Transports.Phone
            ? $"{label}: {callers} call(s) x {options.Turns} turn(s), µ-law 8 kHz in 20 ms frames"
            : $"{label}: {callers} caller(s) x {options.Turns} turn(s), chunks of {options.ChunkSamples} samples");
        var step = await StepRunner.RunAsync(callers, transport, options, clips, phoneNumber, probe, rssBaseline, scraper, cancel.Token);
        var endpointToFrame = step.Server?.Of("parley_turn_endpoint_to_first_frame");
        Console.WriteLine($"{label}: answered {step.AnsweredTurns}/{step.Turns}, errors {step.Errors}, p50 {step.P50Ms:0} ms, p95 {step.P95Ms:0} ms, " +
            $"server endpoint→frame mean {endpointToFrame?.MeanMs:0} ms, barge-in p50 {step.BargeInP50Ms:0} ms, behind {step.TurnsFellBehind}" +
            (transport == Transports.Phone ? $", line silent p50 {step.LineSilentP50Ms:0} ms, line lead p50/p95/max {step.LineLeadP50Ms:0}/{step.LineLeadP95Ms:0}/{step.LineLeadMaxMs:0} ms" : "") +
            (step.MetricsError is { } why ? $" ({why})" : ""));
        foreach (var message in step.ErrorMessages.Take(10))
        {
            Console.WriteLine($"{label}: error: {message}");
        }

        steps.Add(step);
    }
}

await BenchReport.WriteAsync(options, clips, steps, cancel.Token);
var failed = steps.Sum(s => s.Errors);
Console.WriteLine(failed == 0 ? $"bench: wrote {options.OutDir}" : $"bench: {failed} error(s); see {options.OutDir}/bench.md");
return failed == 0 ? 0 : 1;
