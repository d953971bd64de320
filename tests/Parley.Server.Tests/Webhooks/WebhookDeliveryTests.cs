using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Knowledge;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Webhooks;

/// <summary>Events delivered to a receiver on loopback: signed, verified, retried after the receiver fails and after a restart, every attempt visible.</summary>
public sealed class WebhookDeliveryTests(ITestOutputHelper output)
{
    private static readonly string[] Settings = WebhookReceiver.ServerSettings;

    [Fact]
    public async Task A_session_is_delivered_as_signed_started_and_ended_events_retried_until_the_receiver_takes_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n < 2 ? 500 : 200; // The receiver fails twice before it takes anything.
        await using var server = await ConfiguredServerFixture.StartAsync(Settings);
        using var api = server.Api();
        var webhook = (await api.PostAsync("v1/webhooks", $$"""{"url": "{{receiver.Url}}", "events": ["voice.session.started", "voice.session.ended"]}"""))
            .AssertStatus(HttpStatusCode.Created);
        receiver.Secret = webhook.String("secret");

        var (started, transcript) = await TalkAsync(server);

        var received = await receiver.WaitForAsync(r => r.Count(d => d.Status == 200) == 2, what: "both events taken");
        Assert.All(received, d => Assert.True(d.SignatureValid && d.Fresh, $"a delivery failed the receiver's checks: {d.Body}"));
        var taken = received.Where(d => d.Status == 200).Select(d => d.Json).ToList();
        var byType = taken.ToDictionary(e => e.GetProperty("event_type").GetString()!);
        var startedEvent = byType["voice.session.started"];
        var endedEvent = byType["voice.session.ended"];
        Assert.All(taken, e => Assert.Equal(["id", "event_type", "data", "timestamp"], e.EnumerateObject().Select(p => p.Name)));

        Assert.Equal(started.Payload.SessionId, startedEvent.GetProperty("data").GetProperty("session_id").GetString());
        var data = endedEvent.GetProperty("data");
        Assert.Equal((started.Payload.ConversationId, started.Payload.MessageId, "stop"),
            (data.GetProperty("conversation_id").GetString(), data.GetProperty("message_id").GetString(), data.GetProperty("end_reason").GetString()));
        Assert.Equal(transcript, data.GetProperty("transcript").EnumerateArray().Select(t => (t.GetProperty("role").GetString()!, t.GetProperty("text").GetString()!)));
        Assert.Contains(data.GetProperty("tool_calls").EnumerateArray(), t => t.GetProperty("tool_name").GetString() == "get_current_time");
        Assert.Equal(2, data.GetProperty("recording").GetProperty("channels").GetInt32());
        Assert.Contains(data.GetProperty("audio_clips").EnumerateArray(), c => c.GetProperty("participant").GetProperty("type").GetString() == "user");
        var latency = data.GetProperty("latency");
        Assert.Equal(1, latency.GetProperty("turns").GetInt32());
        Assert.InRange(latency.GetProperty("endpoint_to_first_frame_ms").GetProperty("p50").GetDouble(), 0, 5000);

        // Every attempt is recorded and visible: two refusals, then the delivery.
        var deliveries = await WaitForDeliveredAsync(api, webhook.Id, 2);
        var attempts = deliveries.SelectMany(d => d.GetProperty("attempts").EnumerateArray()).Select(a => a.GetProperty("status_code").GetInt32()).ToList();
        Assert.Equal([200, 200, 500, 500], attempts.Order());
        Assert.Equal(endedEvent.GetProperty("id").GetString(),
            deliveries.Single(d => d.GetProperty("event_type").GetString() == "voice.session.ended").GetProperty("event_id").GetString());

        output.WriteLine("One signed delivery as received (the Datagrid-Signature header, then the raw body):");
        var shown = received.Last(d => d.Status == 200 && d.Json.GetProperty("event_type").GetString() == "voice.session.ended");
        output.WriteLine($"Datagrid-Signature: {shown.Signature}");
        output.WriteLine(shown.Body);
    }

    [Fact]
    public async Task A_delivery_the_receiver_could_not_take_before_a_restart_is_delivered_after_it()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var settings = (string[])[.. Settings, "--PARLEY_DATA_DIR", dataDirectory];
        try
        {
            string webhookId;
            await using (var before = await ConfiguredServerFixture.StartAsync(settings))
            {
                using var api = before.Api();
                var webhook = (await api.PostAsync("v1/webhooks", $$"""{"url": "http://127.0.0.1:{{port}}/hook", "events": ["voice.session.ended"]}"""))
                    .AssertStatus(HttpStatusCode.Created);
                webhookId = webhook.Id;
                File.WriteAllText(Path.Combine(dataDirectory, "secret.txt"), webhook.String("secret"));
                await TalkAsync(before);

                // Nothing listens yet: each attempt fails to connect, and is recorded.
                var failed = await WaitForAsync(api, webhookId, d => d.GetProperty("attempts").GetArrayLength() >= 1);
                Assert.All(failed.Single().GetProperty("attempts").EnumerateArray(), a => Assert.Equal(JsonValueKind.Null, a.GetProperty("status_code").ValueKind));
            }

            await using var receiver = await WebhookReceiver.StartAsync(port);
            receiver.Secret = File.ReadAllText(Path.Combine(dataDirectory, "secret.txt"));
            await using var after = await ConfiguredServerFixture.StartAsync(settings);
            var received = await receiver.WaitForAsync(r => r.Any(d => d.Status == 200), what: "the delivery after the restart");
            Assert.True(received[^1].SignatureValid && received[^1].Fresh);
            Assert.Equal("voice.session.ended", received[^1].Json.GetProperty("event_type").GetString());

            var delivery = (await WaitForDeliveredAsync(after.Api(), webhookId, 1)).Single();
            var attempts = delivery.GetProperty("attempts").EnumerateArray().ToList();
            Assert.True(attempts.Count >= 2);
            Assert.All(attempts[..^1], a => Assert.False(string.IsNullOrEmpty(a.GetProperty("error").GetString())));
            Assert.Equal(200, attempts[^1].GetProperty("status_code").GetInt32());
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task A_processed_knowledge_is_delivered_as_knowledge_processing_completed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ConfiguredServerFixture.StartAsync(Settings);
        using var api = server.Api();
        receiver.Secret = (await api.PostAsync("v1/webhooks", $$"""{"url": "{{receiver.Url}}", "events": ["knowledge.processing.completed"]}""")).String("secret");

        using var knowledge = new KnowledgeClient(server);
        var created = (await knowledge.CreateAsync("Handbook", KnowledgeClient.File("a.txt", "The office opens at nine."))).AssertStatus(HttpStatusCode.Created);

        var received = await receiver.WaitForAsync(r => r.Any(d => d.Status == 200), what: "the knowledge event");
        var data = received.Single().Json.GetProperty("data").GetProperty("knowledge");
        Assert.Equal((created.Id, "ready", "knowledge"), (data.GetProperty("id").GetString(), data.GetProperty("status").GetString(), data.GetProperty("object").GetString()));
    }

    /// <summary>A spoken turn and its answer in a stored session, then stop; returns <c>started</c> and the transcript of <c>ended</c>.</summary>
    private static async Task<(StartedMessage Started, List<(string, string)> Transcript)> TalkAsync(ServerFixture server)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        var started = (StartedMessage)(await client.WaitForAsync<StartedMessage>()).Message;
        await client.WaitForAsync<ReadyMessage>();
        await client.StreamAsync([.. TestSpeech.Say("what time is it"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        await client.WaitForAgentToFinishAsync();
        await client.SendAsync(StopMessage.Instance);
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>()).Message;
        await server.WaitForNoSessionsAsync();
        return (started, [.. ended.Payload.Transcript.Select(t => (t.Role, t.Text))]);
    }

    private static Task<List<JsonElement>> WaitForDeliveredAsync(ApiClient api, string webhookId, int count)
        => WaitForAsync(api, webhookId, d => d.GetProperty("state").GetString() == "delivered", count);

    private static async Task<List<JsonElement>> WaitForAsync(ApiClient api, string webhookId, Func<JsonElement, bool> predicate, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<JsonElement> deliveries = [];
        while (DateTime.UtcNow < deadline)
        {
            deliveries = [.. (await api.GetAsync($"v1/webhooks/{webhookId}/deliveries")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data").EnumerateArray()];
            if (deliveries.Count(predicate) >= count)
            {
                return deliveries;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The deliveries never got there: {string.Join(", ", deliveries)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
