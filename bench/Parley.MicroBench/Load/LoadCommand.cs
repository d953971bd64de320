using Parley.Engines.SpeechToText;
using Parley.Engines.TextToSpeech;

namespace Parley.MicroBench.Load;

/// <summary>Measurements BenchmarkDotNet cannot make (concurrency, CPU of helper processes): <c>load tts-burst|stt-cost [options]</c>.</summary>
/// <remarks>
/// <c>tts-burst [--replies 16] [--rounds 10] [--concurrency N] [--urgency 1|0]</c>: replies starting together, time to
/// each first sentence, with at most N syntheses at once (default: the synthesiser's, one per core), first sentences
/// ahead of second ones (urgency 1) or first come, first served (0).
/// <c>stt-cost [--utterances 20] [--mode forked|inprocess] [--extra "-name value ..."]</c>: CPU (of the whole process
/// tree) and wall time per recognised utterance.
/// <c>stt-words [--extra "..."]</c>: the words heard on every clip the tests speak, with the engine's defaults (plus
/// the extra arguments) against PocketSphinx's own search bounds and the whole dictionary.
/// <c>pauses</c>: which endpoint silences end a turn inside sentences said in one breath (premature endpoints at commas).
/// </remarks>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: load tts-burst [--replies N] [--rounds R] [--concurrency N] [--urgency 1|0] | stt-cost [--utterances N] [--mode forked|inprocess] [--extra \"-name value ...\"] | stt-words | pauses");
            return 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        int Number(string name, int fallback) => options.TryGetValue(name, out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

        switch (args[0])
        {
            case "tts-burst":
                var tts = new FliteOptions();
                tts = tts with { MaxConcurrentSyntheses = Number("--concurrency", tts.MaxConcurrentSyntheses) };
                await FirstSentenceBurst.RunAsync(new FliteSynthesizer(tts), Number("--replies", 16), Number("--rounds", 10), Number("--urgency", 1) != 0, Console.Out);
                return 0;
            case "stt-cost":
                var extra = options.TryGetValue("--extra", out var text) ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
                var mode = options.TryGetValue("--mode", out var name) ? Enum.Parse<PocketSphinxMode>(name, ignoreCase: true) : new PocketSphinxOptions().Mode;
                var stt = new PocketSphinxOptions { ExtraArguments = extra, Mode = mode };
                await SpeechToTextCost.RunAsync(stt, $"{mode} {string.Join(' ', extra)}".Trim(), Number("--utterances", 20), Console.Out);
                return 0;
            case "stt-words":
                // The baseline: PocketSphinx's own search bounds and the whole dictionary (what the engine used before).
                var debianDictionary = Path.Combine(PocketSphinxOptions.DefaultModelDirectory, "cmudict-en-us.dict");
                var baseline = new PocketSphinxOptions { Mode = PocketSphinxMode.InProcess, ExtraArguments = ["-maxhmmpf", "30000", "-maxwpf", "-1", "-dict", debianDictionary] };
                var candidateExtra = options.TryGetValue("--extra", out var words) ? words.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
                await SpeechToTextWords.RunAsync(baseline, new PocketSphinxOptions { Mode = PocketSphinxMode.InProcess, ExtraArguments = candidateExtra }, $"defaults {string.Join(' ', candidateExtra)}".Trim(), Console.Out);
                return 0;
            case "pauses":
                await PausesInSpeech.RunAsync(Console.Out);
                return 0;
            default:
                Console.Error.WriteLine($"unknown load measurement '{args[0]}'");
                return 2;
        }
    }
}
