using System.Net;
using System.Net.WebSockets;
using System.Text;
using Parley.Agents.Tools;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Knowledge;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Voice;

/// <summary>The embedded agent, by voice, answering from a document uploaded for the session, and ending the call itself.</summary>
[Collection(ServerCollection.Name)]
public sealed class KnowledgeVoiceTests(ServerFixture server, ITestOutputHelper output)
{
    private const string FileName = "briefing.txt";

    // The fact exists only in this document, in words PocketSphinx's general English model knows well.
    private const string Document =
        "Project briefing.\n\nThe team meets every Tuesday in the blue room.\n\n"
        + "The launch code for project mercury is seven seven four.\n\nVisitors sign in at the front desk.";

    [Fact]
    public async Task A_spoken_question_about_an_uploaded_document_is_answered_from_it_with_a_citation_and_goodbye_ends_the_call()
    {
        var teamspace = $"kv-{Guid.NewGuid():N}";
        var key = await server.CreateKeyAsync(teamspace);
        using var knowledge = new KnowledgeClient(server, key);
        var created = (await knowledge.CreateAsync("Mercury briefing", KnowledgeClient.File(FileName, Document))).AssertStatus(HttpStatusCode.Created);
        await knowledge.WaitUntilAsync(created.Id, "ready");

        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri(key));
        await client.SendAsync(new StartMessage(new StartPayload
        {
            KnowledgeIds = [created.Id],
            VoiceConfig = new VoiceConfig { SilentStart = true },
        }));
        await client.WaitForAsync<ReadyMessage>();

        // The knowledge exchange, spoken, with the microphone left open afterwards as a phone's would be.
        var askedAt = client.Now;
        await client.StreamAsync([.. TestSpeech.Say("what is the launch code for project mercury"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        var started = await client.WaitForAsync(IsTool(ToolNames.KnowledgeSearch, ToolCallStatuses.Started), what: "knowledge_search started");
        var citation = await client.WaitForAsync(m => m is CitationMessage, what: "citation");
        var completed = await client.WaitForAsync(IsTool(ToolNames.KnowledgeSearch, ToolCallStatuses.Completed), what: "knowledge_search completed");
        var answer = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "spoken answer");
        await client.WaitForAgentToFinishAsync();
        var exchange = client.All;

        Assert.True(started.At < completed.At && completed.At < answer.At, "the search runs before the answer is spoken");
        var cited = Assert.Single(((CitationMessage)citation.Message).Payload.Citations);
        Assert.Contains("seven seven four", cited.Text, StringComparison.Ordinal);
        var source = Assert.Single(cited.Sources);
        Assert.Equal((FileName, "record", created.Id), (source.SourceName, source.Type, source.SourceId));
        Assert.NotEmpty(source.Confirmations);

        var agentText = AgentText(exchange);
        Assert.Contains("seven seven four", agentText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(FileName, agentText, StringComparison.Ordinal);
        var answerAudio = SpokenTurnTests.AgentAudio(exchange.Where(f => f.At > completed.At));
        Assert.InRange(answerAudio.Length / 24000.0, 2, 10); // "According to briefing.txt, the launch code ... is seven seven four."
        Assert.True(SpokenTurnTests.Rms(answerAudio) > 500, "the answer's audio is near silence");

        // Goodbye by voice: the agent says it, and the session ends by itself once it has been heard.
        await client.StreamAsync([.. TestSpeech.Say("that is all thank you goodbye"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        var endCall = await client.WaitForAsync(IsTool(ToolNames.EndCall, ToolCallStatuses.Completed), what: "end_call completed");
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>(TimeSpan.FromSeconds(15))).Message;
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await client.WaitForCloseAsync());

        // Spoken sentence by sentence, each with its transcript, all before ended.
        Assert.Equal("Goodbye! Talk to you soon.", AgentText(client.All.Where(f => f.At > endCall.At)));
        Assert.NotEmpty(SpokenTurnTests.AgentAudio(client.All.Where(f => f.At > endCall.At)));
        Assert.Equal([Roles.User, Roles.Agent, Roles.User, Roles.Agent], ended.Payload.Transcript.Select(t => t.Role));
        Assert.Equal("Goodbye! Talk to you soon.", ended.Payload.Transcript[^1].Text);
        SpokenTurnTests.AssertOrder(client.All);

        output.WriteLine($"Wire events of one spoken knowledge exchange (ms from the start of the question; runs of audio frames folded into one line):");
        foreach (var line in Describe(exchange, askedAt))
        {
            output.WriteLine(line);
        }

        output.WriteLine("... and the goodbye:");
        foreach (var line in Describe(client.All.Skip(exchange.Count).ToList(), askedAt))
        {
            output.WriteLine(line);
        }

        await server.WaitForNoSessionsAsync();
    }

    private static Func<VoiceMessage, bool> IsTool(string name, string status) =>
        m => m is ToolCallMessage { Payload: var p } && p.ToolName == name && p.Status == status;

    private static string AgentText(IEnumerable<ReceivedFrame> frames) =>
        string.Join(' ', frames.Select(f => f.Message).OfType<TranscriptMessage>().Where(t => t.Payload.Role == Roles.Agent).Select(t => t.Payload.Text));

    // Every frame as it came over the wire, but each run of audio frames as one line: their base64 says nothing to a reader.
    private static List<string> Describe(IReadOnlyList<ReceivedFrame> frames, TimeSpan origin)
    {
        var lines = new List<string>();
        for (int i = 0; i < frames.Count; i++)
        {
            var at = (frames[i].At - origin).TotalMilliseconds;
            if (frames[i].Message is not AudioMessage)
            {
                lines.Add($"{at,7:F0} ms  {frames[i].Json}");
                continue;
            }

            int run = i, bytes = 0;
            var mime = ((AudioMessage)frames[i].Message).Payload.MimeType;
            while (run < frames.Count && frames[run].Message is AudioMessage audio)
            {
                bytes += Convert.FromBase64String(audio.Payload.Data!).Length;
                run++;
            }

            var text = new StringBuilder()
                .Append($"{at,7:F0} ms  {{\"type\":\"audio\",\"payload\":{{\"mime_type\":\"{mime}\",\"data\":\"...\"}}}}")
                .Append($" x {run - i} frames, {bytes / 48.0:F0} ms of audio, last at {(frames[run - 1].At - origin).TotalMilliseconds:F0} ms");
            lines.Add(text.ToString());
            i = run - 1;
        }

        return lines;
    }
}
