using Parley.Client.Tests.Infrastructure;
using Parley.Client.Voice;
using Parley.Client.Voice.Events;
using Parley.Protocol;
using Parley.Protocol.Payloads;
using Xunit.Abstractions;

namespace Parley.Client.Tests.Voice;

/// <summary>The server stops and starts again mid-session, on the same port and data: the session resumes its conversation.</summary>
public sealed class ReconnectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_session_survives_a_server_restart_and_the_transcript_is_whole()
    {
        await using var server = await LiveServer.StartAsync();
        using var client = server.Client();
        var policy = new ReconnectPolicy { MaxAttempts = 100, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) };
        await using var session = await client.VoiceSessions.ConnectAsync(
            new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } },
            new VoiceSessionOptions { Reconnect = policy });
        await using var events = new EventLog(session);
        var started = await session.StartAsync();

        await session.SendTextAsync("what is two plus two");
        await events.WaitForAgentLineAsync("four");
        await events.WaitForAgentToFinishAsync();

        await server.StopAsync();
        await server.RestartAsync();

        var reconnected = await events.WaitForAsync<ReconnectedEvent>(timeout: TimeSpan.FromSeconds(60));
        var attempts = events.All.OfType<ReconnectingEvent>().ToList();
        output.WriteLine($"reconnected after {attempts.Count} tries: {string.Join(", ", attempts.Select(a => $"{a.Delay.TotalMilliseconds:F0} ms ({a.Reason})"))}");
        Assert.Equal(started.ConversationId, reconnected.Started.ConversationId);
        Assert.NotEqual(started.MessageId, reconnected.Started.MessageId);
        Assert.Equal(attempts.Count, reconnected.Attempt);
        Assert.True(session.IsConnected);

        await session.SendTextAsync("what is three times three");
        await events.WaitForAgentLineAsync("nine");
        await events.WaitForAgentToFinishAsync();
        var ended = await session.StopAsync();

        // The session's transcript spans both connections...
        Assert.Equal(["what is two plus two", "what is three times three"], ended.Transcript.Where(l => l.Role == Roles.User).Select(l => l.Text));
        Assert.Equal(2, ended.Transcript.Count(l => l.Role == Roles.Agent));
        Assert.Null((await events.WaitForAsync<EndedEvent>()).Error);
        Assert.DoesNotContain(events.All, e => e is GaveUpEvent);

        // ...and so does the conversation the server stored: one voice message per connection.
        var messages = new List<Messages.ConversationMessage>();
        await foreach (var message in client.Conversations.Messages.ListAllAsync(started.ConversationId))
        {
            messages.Add(message);
        }

        Assert.Equal([started.MessageId, reconnected.Started.MessageId], messages.Select(m => m.Id));
        Assert.Equal(["what is two plus two", "what is three times three"], messages.Select(m => m.Content.Single().Transcript));
        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m.Content.Single().AgentTranscript)));
    }
}
