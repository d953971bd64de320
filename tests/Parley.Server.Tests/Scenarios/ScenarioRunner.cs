using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Scenarios;

/// <summary>Plays a scenario against a real session, like the iOS client, and measures what happened.</summary>
public static class ScenarioRunner
{
    public static async Task<ScenarioResult> RunAsync(ServerFixture server, Scenario scenario)
    {
        var track = ScenarioTrack.Render(scenario.Steps);
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();
        // The microphone streams from here, as a real client's does; the track begins at the agent's first audio.
        var start = await ScenarioMicrophone.StreamAsync(client, track, scenario.Prompt);
        var onset = track.Speech.Count > 0 ? start + track.Speech[0].Onset : (TimeSpan?)null;
        var speechEnd = track.Speech.Count > 0 ? start + track.Speech[^1].End : (TimeSpan?)null;

        // Give the outcome time to arrive after the timeline: a barge-in up to its deadline, a reply's first audio.
        switch (scenario.Expected)
        {
            case InterruptionExpectation interruption when onset is { } from:
                await PollAsync(client, () => client.All.Any(f => f.Message is InterruptedMessage && f.At >= start), from + interruption.Within + TimeSpan.FromMilliseconds(500));
                break;
            case UserTurnExpectation when speechEnd is { } after:
                await PollAsync(client, () => client.All.Any(f => f.Message is AudioMessage && f.At > after), client.Now + TimeSpan.FromSeconds(10));
                break;
            case NoTurnExpectation or NoInterruptionExpectation when client.All.FirstOrDefault(f => f.At >= start && f.Message is InterruptedMessage) is { } cut:
                await PollAsync(client, () => client.All.Any(f => f.Message is AudioMessage && f.At > cut.At), client.Now + TimeSpan.FromSeconds(3));
                break;
        }

        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>(TimeSpan.FromSeconds(15));
        return Measure(scenario, client.All, start, onset, speechEnd);
    }

    private static ScenarioResult Measure(Scenario scenario, IReadOnlyList<ReceivedFrame> frames, TimeSpan start, TimeSpan? onset, TimeSpan? speechEnd)
    {
        var turns = frames
            .Where(f => f.At >= start && f.Message is TranscriptMessage { Payload.Role: Roles.User } t && t.Payload.Text != scenario.Prompt)
            .Select(f => (f.At, ((TranscriptMessage)f.Message).Payload.Text))
            .ToList();
        var interrupted = frames.FirstOrDefault(f => f.At >= start && f.Message is InterruptedMessage);
        // An interruption before the user spoke was caused by something else (echo, noise): no barge-in latency.
        var early = interrupted is not null && (onset is not { } o || interrupted.At < o);
        TimeSpan? bargeIn = interrupted is not null && !early ? interrupted.At - onset!.Value : null;
        var premature = scenario.Expected is UserTurnExpectation && (turns.Count > 1 || (turns.Count == 1 && speechEnd is { } e && turns[0].At < e));
        TimeSpan? response = null;
        if (scenario.Expected is UserTurnExpectation && speechEnd is { } se && frames.FirstOrDefault(f => f.Message is AudioMessage && f.At > se) is { } firstAudio)
        {
            response = firstAudio.At - se;
        }

        TimeSpan? resumeGap = null;
        if (interrupted is not null && turns.Count == 0 && frames.FirstOrDefault(f => f.Message is AudioMessage && f.At > interrupted.At) is { } resumed)
        {
            resumeGap = resumed.At - interrupted.At;
        }

        var texts = turns.Select(t => t.Text).ToList();
        var failure = scenario.Expected switch
        {
            UserTurnExpectation expected when turns.Count != 1 => $"expected one user turn, got {turns.Count}: [{string.Join(" | ", texts)}]",
            UserTurnExpectation when premature => $"the turn ended {(speechEnd!.Value - turns[0].At).TotalMilliseconds:F0} ms before the speech did",
            UserTurnExpectation expected when !SameEnds(expected.Text, texts[0]) => $"expected \"{expected.Text}\", heard \"{texts[0]}\"",
            NoInterruptionExpectation when interrupted is not null => $"interrupted {(interrupted.At - start).TotalMilliseconds:F0} ms into the timeline (user turns: [{string.Join(" | ", texts)}])",
            NoInterruptionExpectation or NoTurnExpectation when turns.Count > 0 => $"heard a user turn: [{string.Join(" | ", texts)}]",
            NoTurnExpectation when interrupted is not null && resumeGap is null => $"cut off {(interrupted.At - start).TotalMilliseconds:F0} ms into the timeline and never resumed",
            InterruptionExpectation when early => $"interrupted {(onset!.Value - interrupted!.At).TotalMilliseconds:F0} ms before the user spoke",
            InterruptionExpectation when bargeIn is null => "not interrupted",
            InterruptionExpectation expected when bargeIn > expected.Within => $"interrupted {bargeIn.Value.TotalMilliseconds:F0} ms after the speech onset",
            _ => null,
        };
        return new ScenarioResult(scenario, texts, interrupted is not null, early, bargeIn, premature, response, failure, resumeGap);
    }

    /// <summary>The heard turn begins with the expected first word and ends with its last: nothing was cut off either side.</summary>
    private static bool SameEnds(string expected, string heard)
    {
        var want = Words(expected);
        var got = Words(heard);
        return got.Length > 0 && got[0] == want[0] && got[^1] == want[^1];
    }

    private static string[] Words(string text)
        => [.. text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', ',', '?', '!')).Where(w => w.Length > 0)];

    private static async Task PollAsync(VoiceTestClient client, Func<bool> done, TimeSpan until)
    {
        while (!done() && client.Now < until)
        {
            await Task.Delay(20);
        }
    }
}
