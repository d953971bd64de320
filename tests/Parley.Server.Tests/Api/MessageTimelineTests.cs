using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;
using Parley.Storage.Messages;

namespace Parley.Server.Tests.Api;

/// <summary>What one message answers is bounded, and the rest of its timeline is reached by offset (issue 12, item 6: a message list of 117 MB).</summary>
[Collection(ServerCollection.Name)]
public sealed class MessageTimelineTests(ServerFixture server)
{
    [Fact]
    public async Task A_long_timeline_is_listed_in_a_bounded_window_and_retrieved_whole_page_by_page()
    {
        var lines = Enumerable.Range(0, 250).Select(i => $"line {i:D3} " + new string('x', 990)).ToList();
        var (world, message) = await VoiceMessageAsync("timeline", lines);

        using var api = server.Api(world.Admin.Raw);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", world.Admin.Raw);
        var listText = await http.GetStringAsync(new Uri($"/v1/conversations/{world.ConversationId}/messages", UriKind.Relative));
        Assert.InRange(listText.Length, 1, 300_000);
        var listed = JsonDocument.Parse(listText).RootElement.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == message);
        var window = Voice(listed);
        var shown = window.GetProperty("timeline_events").EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Equal(65, shown.Count); // 65 lines of 1,000 characters fit in 64 KiB
        Assert.Equal(lines.Take(65), shown);
        Assert.Equal(250, window.GetProperty("timeline_events_total").GetInt64());
        Assert.Equal(0, window.GetProperty("timeline_events_offset").GetInt32());
        Assert.Equal(string.Join('\n', shown.Where((_, i) => i % 2 == 0)), window.GetProperty("transcript").GetString());

        var read = new List<string>();
        while (read.Count < lines.Count)
        {
            var page = Voice((await api.GetAsync($"/v1/conversations/{world.ConversationId}/messages/{message}?timeline_offset={read.Count}&timeline_limit=100")).AssertStatus(HttpStatusCode.OK).Body);
            Assert.Equal(read.Count, page.GetProperty("timeline_events_offset").GetInt32());
            var events = page.GetProperty("timeline_events").EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToList();
            Assert.InRange(events.Count, 1, 100);
            read.AddRange(events);
        }

        Assert.Equal(lines, read);
        Assert.Equal(250, Voice((await api.GetAsync($"/v1/conversations/{world.ConversationId}/messages/{message}")).Body).GetProperty("timeline_events").GetArrayLength());
        (await api.GetAsync($"/v1/conversations/{world.ConversationId}/messages/{message}?timeline_limit=0")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        (await api.GetAsync($"/v1/conversations/{world.ConversationId}/messages/{message}?timeline_offset=first")).AssertError(HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task An_event_larger_than_the_list_allows_is_left_out_of_the_list_and_given_when_the_message_is_retrieved()
    {
        var huge = new string('y', 2_000_000);
        var (world, message) = await VoiceMessageAsync("timeline-huge", [huge]);

        using var api = server.Api(world.Admin.Raw);
        var listed = (await api.GetAsync($"/v1/conversations/{world.ConversationId}/messages")).AssertStatus(HttpStatusCode.OK).Body
            .GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == message);
        Assert.Equal(0, Voice(listed).GetProperty("timeline_events").GetArrayLength());
        Assert.Equal(1, Voice(listed).GetProperty("timeline_events_total").GetInt64());
        Assert.Equal(string.Empty, Voice(listed).GetProperty("transcript").GetString());

        var retrieved = Voice((await api.GetAsync($"/v1/conversations/{world.ConversationId}/messages/{message}")).AssertStatus(HttpStatusCode.OK).Body);
        Assert.Equal(huge, retrieved.GetProperty("timeline_events")[0].GetProperty("text").GetString());
    }

    /// <summary>A voice message in a teamspace of its own whose timeline is these lines, the user's and the agent's by turns.</summary>
    private async Task<(TeamspaceWorld World, string Message)> VoiceMessageAsync(string label, IReadOnlyList<string> lines)
    {
        var world = await TeamspaceWorld.CreateAsync(server, label);
        var messages = server.Services.GetRequiredService<MessageStore>();
        var message = Ids.New();
        await messages.CreateVoiceMessageAsync(message, world.Teamspace, world.ConversationId, world.AgentId);
        for (var i = 0; i < lines.Count; i++)
        {
            var role = i % 2 == 0 ? MessageRoles.User : MessageRoles.Agent;
            await messages.AppendEventAsync(message, new TimelineEvent { TimestampMs = i, Type = TimelineEventTypes.Transcript, Role = role, Text = lines[i] });
        }

        return (world, message);
    }

    private static JsonElement Voice(JsonElement message) => message.GetProperty("content")[0];
}
