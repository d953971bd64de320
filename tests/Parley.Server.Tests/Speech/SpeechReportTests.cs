using System.Globalization;
using System.Text;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Scenarios;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Speech;

/// <summary>
/// Measures each speech configuration (<see cref="SpeechConfiguration"/>) for docs/SPEECH.md: word error rate on fixed
/// utterances, end of speech → final text and → first agent audio over a real socket, and the turn-taking scenario suite.
/// Only when <c>PARLEY_SPEECH_REPORT</c> names a path (written as path.md); skipped otherwise, so CI stays fast.
/// </summary>
[Collection(nameof(RemoteSpeechTests))]
public sealed class SpeechReportTests(ITestOutputHelper output)
{
    private static readonly string[] Utterances =
    [
        "what is twelve times seven", "what time is it", "what is two plus two", "what can you do", "what is nine plus four",
        "what is your name", "what day is it today", "thank you very much", "what is one hundred minus seven", "how are you",
    ];

    private static readonly string[] Voices = ["rms", "kal16"];

    [SkippableFact]
    public async Task Report_when_asked()
    {
        var path = Environment.GetEnvironmentVariable("PARLEY_SPEECH_REPORT");
        Skip.If(string.IsNullOrEmpty(path), "Set PARLEY_SPEECH_REPORT=path to measure each speech configuration and write path.md.");

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, load average at start {LoadAverage()}.")
            .AppendLine()
            .AppendLine("| configuration | provider delays (loopback) | WER | turns heard | end of speech → final text p50 / p95 ms | end of speech → first agent audio p50 / p95 ms | scenarios met |")
            .AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var create in SpeechConfiguration.All)
        {
            await using var configuration = await create();
            await using var server = await configuration.StartServerAsync();
            var turns = new List<TurnMeasure>();
            foreach (var voice in Voices)
            {
                foreach (var utterance in Utterances)
                {
                    turns.Add(await MeasureAsync(server, utterance, voice));
                    await server.WaitForNoSessionsAsync();
                }
            }

            var scenarios = new List<ScenarioResult>();
            foreach (var scenario in ScenarioCatalog.All)
            {
                var result = await ScenarioRunner.RunAsync(server, scenario);
                output.WriteLine($"{configuration.Name} / {scenario.Name}: {result.Failure ?? "met"}");
                scenarios.Add(result);
                await server.WaitForNoSessionsAsync();
            }

            var errors = turns.Sum(t => t.Errors);
            var words = turns.Sum(t => t.Words);
            var finals = turns.Where(t => t.FinalText is not null).Select(t => t.FinalText!.Value.TotalMilliseconds).Order().ToList();
            var audio = turns.Where(t => t.FirstAudio is not null).Select(t => t.FirstAudio!.Value.TotalMilliseconds).Order().ToList();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {configuration.Name} | {configuration.Delays} | {100.0 * errors / words:F1} % | {finals.Count}/{turns.Count} | {P(finals, 50)} / {P(finals, 95)} | {P(audio, 50)} / {P(audio, 95)} | {scenarios.Count(s => s.Passed)}/{scenarios.Count} |");
            foreach (var failed in scenarios.Where(s => !s.Passed))
            {
                output.WriteLine($"{configuration.Name}: scenario {failed.Scenario.Name} not met: {failed.Failure}");
            }
        }

        report.AppendLine().AppendLine($"Utterances ({Utterances.Length}, each in Flite's {string.Join(" and ", Voices)} voices): {string.Join("; ", Utterances)}.");
        await File.WriteAllTextAsync(path + ".md", report.ToString());
        output.WriteLine(report.ToString());
    }

    private async Task<TurnMeasure> MeasureAsync(ServerFixture server, string utterance, string voice)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();
        var speech = TestSpeech.Say(utterance, voice);
        var streamStart = client.Now;
        await client.StreamAsync(speech);
        var endOfSpeech = streamStart + TestSpeech.SpeechEnd(speech);
        await client.StreamAsync(TestSpeech.Silence(TimeSpan.FromSeconds(3)));

        var heard = string.Empty;
        TimeSpan? finalText = null, firstAudio = null;
        try
        {
            var line = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User }, TimeSpan.FromSeconds(10), "user transcript");
            heard = ((TranscriptMessage)line.Message).Payload.Text;
            finalText = line.At - endOfSpeech;
            firstAudio = (await client.WaitForAsync<AudioMessage>(TimeSpan.FromSeconds(10))).At - endOfSpeech;
        }
        catch (TimeoutException)
        {
            // Nothing heard, or no answer: counted as all words deleted, and no latency.
        }

        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        var (errors, words) = WordErrorRate.Of(utterance, heard);
        output.WriteLine($"{voice} '{utterance}' → '{heard}' ({errors}/{words}), final {finalText?.TotalMilliseconds:F0} ms, audio {firstAudio?.TotalMilliseconds:F0} ms");
        return new TurnMeasure(errors, words, finalText, firstAudio);
    }

    private static string P(List<double> sorted, int percentile)
        => sorted.Count == 0 ? "–" : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)].ToString("F0", CultureInfo.InvariantCulture);

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private sealed record TurnMeasure(int Errors, int Words, TimeSpan? FinalText, TimeSpan? FirstAudio);
}
