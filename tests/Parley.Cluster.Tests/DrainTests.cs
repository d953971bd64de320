using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Parley.Client;
using Parley.Client.Voice;
using Parley.Client.Voice.Events;
using Parley.Cluster.Tests.Infrastructure;
using Parley.Protocol.Payloads;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Cluster.Tests;

/// <summary>A node drained under a spoken call: the reply in flight is heard whole, and the call goes on, through nginx, on the other node.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DrainTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const string FirstAnswer = "Twelve times seven is eighty-four.";

    [SkippableFact]
    public async Task A_spoken_session_whose_node_drains_continues_on_the_other_node_with_the_same_conversation_and_nothing_lost()
    {
        Skip.If(cluster.Environment is null, cluster.Missing);
        await cluster.EnsureRunningAsync();
        var key = await cluster.NewKeyAsync();
        var log = cluster.Log;
        using var client = new ParleyClient(new ParleyClientOptions { BaseAddress = cluster.Proxy, ApiKey = key });
        var options = new VoiceSessionOptions { Reconnect = new ReconnectPolicy { MaxAttempts = 10, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2) } };

        await using var session = await client.VoiceSessions.ConnectAsync(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }, options);
        var events = new ConcurrentQueue<(TimeSpan At, VoiceEvent Event)>();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in session.ReadEventsAsync())
            {
                events.Enqueue((log.Now, e));
                if (e is not AudioEvent)
                {
                    log.Add("client", Describe(e));
                }
            }
        });
        var started = await session.StartAsync();
        var first = await cluster.NodeOfSessionAsync(started.SessionId);
        var second = cluster.Other(first);

        // Turn 1, spoken; the node is told to stop while the answer plays.
        log.Add("client", "[test] speaking turn 1");
        await SpeakAsync(session, "what is twelve times seven");
        await WaitAsync(events, e => e is AudioEvent, "the first answer's audio");
        var readiness = new List<(TimeSpan, HttpStatusCode?)>();
        first.Terminate();
        var watching = WatchReadinessAsync(first, readiness, log);

        var reconnected = (ReconnectedEvent)await WaitAsync(events, e => e is ReconnectedEvent, "reconnected", TimeSpan.FromSeconds(40));
        Assert.Equal(started.ConversationId, reconnected.Started.ConversationId);
        Assert.Equal(second, await cluster.NodeOfSessionAsync(reconnected.Started.SessionId));
        await first.WaitForExitAsync(TimeSpan.FromSeconds(40));
        await watching;

        // Turn 2, on the other node: the agent knows the conversation.
        log.Add("client", "[test] speaking turn 2");
        await SpeakAsync(session, "what is two plus two");
        await WaitAsync(events, e => e is TranscriptEvent { Role: "agent" } t && t.Text.Contains("four", StringComparison.OrdinalIgnoreCase) && !t.Text.Contains("eighty", StringComparison.Ordinal), "the second answer", TimeSpan.FromSeconds(30));
        await Task.Delay(2500); // let the answer play out before stopping
        var ended = await session.StopAsync();
        await reading;

        output.WriteLine("Drain timeline (client events, node logs; seconds from the cluster's start):");
        var timeline = log.Lines.Where(l => l.At >= events.First().At - TimeSpan.FromSeconds(1) && IsTimelineLine(l)).ToList();
        foreach (var line in timeline)
        {
            output.WriteLine(line.ToString());
        }

        WriteArtifact(timeline);

        // The node drained gracefully (exit 0), answering not-ready meanwhile, and ended the first session with 1012 after the reply.
        Assert.Equal(0, first.ExitCode);
        Assert.Contains(readiness, r => r.Item2 == HttpStatusCode.ServiceUnavailable);
        await log.WaitForAsync($"Voice session {started.SessionId} ending (draining), close 1012", first.Name);

        // Nothing lost: the whole first answer, then the second, in the client's transcript and in the conversation's messages.
        Assert.Equal(["user", "agent", "user", "agent"], ended.Transcript.Select(t => t.Role));
        Assert.Equal(FirstAnswer, ended.Transcript[1].Text);
        Assert.Contains("four", ended.Transcript[3].Text, StringComparison.OrdinalIgnoreCase);
        var stored = await StoredTranscriptAsync(second, key, started.ConversationId);
        Assert.Equal(ended.Transcript.Select(t => (t.Role, t.Text)), stored);
        await cluster.EnsureRunningAsync();
    }

    private static bool IsTimelineLine(NodeLogLine line)
        => line.Source == "client"
            || line.Text.Contains("[test]", StringComparison.Ordinal)
            || line.Text.Contains("Voice session", StringComparison.Ordinal)
            || line.Text.Contains("drain", StringComparison.OrdinalIgnoreCase);

    private static async Task SpeakAsync(VoiceSession session, string words)
    {
        short[] audio = [.. TestSpeech.Say(words), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))];
        const int Chunk = 4096;
        for (var at = 0; at < audio.Length; at += Chunk)
        {
            await session.SendAudioAsync(audio[at..Math.Min(audio.Length, at + Chunk)]);
            await Task.Delay(TimeSpan.FromSeconds(Chunk / 16000.0));
        }
    }

    private static async Task<VoiceEvent> WaitAsync(ConcurrentQueue<(TimeSpan At, VoiceEvent Event)> events, Func<VoiceEvent, bool> match, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (events.FirstOrDefault(e => match(e.Event)) is { Event: { } found })
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No {what}; events: {string.Join(", ", events.Select(e => Describe(e.Event)).Where(d => d != "audio"))}");
    }

    private static async Task WatchReadinessAsync(ParleyNode node, List<(TimeSpan, HttpStatusCode?)> seen, NodeLog log)
    {
        var started = DateTime.UtcNow;
        HttpStatusCode? last = HttpStatusCode.OK;
        while (node.IsRunning && DateTime.UtcNow - started < TimeSpan.FromSeconds(40))
        {
            var status = await node.StatusOfAsync("/readyz");
            seen.Add((DateTime.UtcNow - started, status));
            if (status != last)
            {
                log.Add(node.Name, $"[test] GET /readyz answers {(status is { } s ? (int)s : "nothing")}");
                last = status;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<List<(string Role, string Text)>> StoredTranscriptAsync(ParleyNode node, string key, string conversationId)
    {
        using var http = ClusterFixture.Http(node.BaseAddress, key);
        using var body = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/v1/conversations/{conversationId}/messages", UriKind.Relative)));
        var messages = body.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count); // one voice message per node's session
        var lines = new List<(string, string)>();
        foreach (var message in messages)
        {
            var voice = message.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "voice");
            lines.AddRange(voice.GetProperty("timeline_events").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "transcript")
                .Select(e => (e.GetProperty("role").GetString()!, e.GetProperty("text").GetString()!)));
        }

        return lines;
    }

    private static string Describe(VoiceEvent e) => e switch
    {
        AudioEvent => "audio",
        TranscriptEvent t => $"transcript {t.Role}: {t.Text}",
        StartedEvent s => $"started session {s.Payload.SessionId}, conversation {s.Payload.ConversationId}",
        ReconnectingEvent r => $"reconnecting (try {r.Attempt}, {r.Delay.TotalMilliseconds:F0} ms): {r.Reason}",
        ReconnectedEvent r => $"reconnected (try {r.Attempt}): session {r.Started.SessionId}, conversation {r.Started.ConversationId}",
        EndedEvent x => $"ended: {x.Payload.Transcript.Count} lines",
        ToolCallEvent t => $"tool_call {t.ToolName} {t.Status}",
        _ => e.GetType().Name,
    };

    private static void WriteArtifact(IEnumerable<NodeLogLine> timeline)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var folder = Directory.CreateDirectory(Path.Combine(root, "artifacts", "cluster"));
        File.WriteAllLines(Path.Combine(folder.FullName, "drain-timeline.txt"), timeline.Select(l => l.ToString()));
    }
}
