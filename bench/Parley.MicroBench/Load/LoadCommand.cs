using Parley.Engines.SpeechToText;
using Parley.Engines.TextToSpeech;

namespace Parley.MicroBench.Load;

/// <summary>Measurements BenchmarkDotNet cannot make (concurrency, CPU of helper processes): <c>load tts-burst|stt-cost [options]</c>.</summary>
/// <remarks>
/// <c>tts-burst [--replies 16] [--rounds 10]</c>: replies starting together, time to each first sentence.
/// <c>stt-cost [--utterances 20] [--extra "-name value ..."]</c>: CPU and wall time per recognised utterance.
/// </remarks>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: load tts-burst [--replies N] [--rounds R] | stt-cost [--utterances N] [--extra \"-name value ...\"]");
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
                await FirstSentenceBurst.RunAsync(new FliteSynthesizer(), Number("--replies", 16), Number("--rounds", 10), Console.Out);
                return 0;
            case "stt-cost":
                var extra = options.TryGetValue("--extra", out var text) ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
                var stt = new PocketSphinxOptions { ExtraArguments = extra };
                await SpeechToTextCost.RunAsync(stt, string.Join(' ', extra), Number("--utterances", 20), Console.Out);
                return 0;
            default:
                Console.Error.WriteLine($"unknown load measurement '{args[0]}'");
                return 2;
        }
    }
}
