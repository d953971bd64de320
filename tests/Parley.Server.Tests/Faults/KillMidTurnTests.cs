using System.Net.Http.Headers;
using System.Text.Json;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Faults;

/// <summary>
/// kill -9 of the server process while the agent answers (issue 12, fault tests): after a restart on the same data,
/// every line said before the kill is in the conversation, the user's last question included.
/// </summary>
public sealed class KillMidTurnTests : IDisposable
{
    private const string ApiKey = "pk_test_kill_0123456789abcdef0123456789abcdef";

    private readonly string _data = Directory.CreateTempSubdirectory("parley-kill-").FullName;

    [Fact]
    public async Task A_server_killed_while_the_agent_answers_keeps_every_line_said_before()
    {
        string conversationId;
        string messageId;
        await using (var first = await ServerProcess.StartAsync(_data, ApiKey))
        {
            await using var client = await VoiceTestClient.ConnectAsync(new Uri($"ws://{first.BaseAddress.Authority}/ws/voice?token={ApiKey}"));
            await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
            var started = ((StartedMessage)(await client.WaitForAsync<StartedMessage>(TimeSpan.FromSeconds(60))).Message).Payload;
            (conversationId, messageId) = (started.ConversationId, started.MessageId);

            await client.SendAsync(new TextMessage(new TextPayload { Text = "what is two plus two" }));
            await client.WaitForAgentToFinishAsync(timeout: TimeSpan.FromSeconds(60));
            await client.SendAsync(new TextMessage(new TextPayload { Text = "what is six times seven" }));
            // The second answer is being spoken: its text comes with its first frame (an audio frame alone could be one of the first answer's, still unread).
            await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent, Payload.Text: var text } && text.Contains("forty", StringComparison.OrdinalIgnoreCase),
                TimeSpan.FromSeconds(60), "the second answer");

            await first.KillAsync();
        }

        await using var second = await ServerProcess.StartAsync(_data, ApiKey);
        using var http = new HttpClient { BaseAddress = second.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var body = await http.GetStringAsync(new Uri($"/v1/conversations/{conversationId}/messages/{messageId}", UriKind.Relative));
        using var message = JsonDocument.Parse(body);
        var voice = message.RootElement.GetProperty("content")[0];
        var said = voice.GetProperty("timeline_events").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "transcript")
            .Select(e => (Role: e.GetProperty("role").GetString(), Text: e.GetProperty("text").GetString()))
            .ToList();
        Assert.Equal(["what is two plus two", "what is six times seven"], said.Where(l => l.Role == Roles.User).Select(l => l.Text));
        Assert.Contains(said, l => l.Role == Roles.Agent && l.Text!.Contains("four", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
