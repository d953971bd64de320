using Parley.Bench;

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

string[] sentences = ["what is twelve times seven", "what time is it", "what is two plus two"];
var clips = new List<SpeechClip>();
foreach (var sentence in sentences)
{
    var clip = await SpeechClip.SynthesiseAsync(sentence, options.Voice, cancel.Token);
    Console.WriteLine($"clip \"{clip.Text}\": {clip.Duration.TotalMilliseconds:0} ms, speech ends at {clip.EndOfSpeech.TotalMilliseconds:0} ms");
    clips.Add(clip);
}

var probe = options.ServerPid is { } pid ? new ServerProbe(pid) : null;
if (probe is not null && probe.CpuSeconds() is null)
{
    Console.WriteLine($"cannot read /proc/{probe.Pid}; server CPU and memory are not measured");
    probe = null;
}

var steps = new List<StepResult>();
foreach (var callers in options.Callers)
{
    Console.WriteLine($"N={callers}: {callers} caller(s) x {options.Turns} turn(s), chunks of {options.ChunkSamples} samples");
    var step = await StepRunner.RunAsync(callers, options, clips, probe, cancel.Token);
    Console.WriteLine($"N={callers}: answered {step.AnsweredTurns}/{callers * options.Turns}, errors {step.Errors}, p50 {step.P50Ms:0} ms, p95 {step.P95Ms:0} ms");
    steps.Add(step);
}

await BenchReport.WriteAsync(options, clips, steps, cancel.Token);
var failed = steps.Sum(s => s.Errors);
Console.WriteLine(failed == 0 ? $"bench: wrote {options.OutDir}" : $"bench: {failed} error(s); see {options.OutDir}/bench.md");
return failed == 0 ? 0 : 1;
