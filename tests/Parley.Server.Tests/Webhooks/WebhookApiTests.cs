using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Webhooks;

/// <summary><c>/v1/webhooks</c> as the SDK types it: the secret shown once, cursor pages, updates, the active list, and what is refused.</summary>
[Collection(ServerCollection.Name)]
public sealed class WebhookApiTests(ServerFixture server)
{
    [Fact]
    public async Task A_webhook_is_created_with_its_secret_shown_once_then_retrieved_updated_listed_and_deleted()
    {
        using var api = server.Api(await server.CreateKeyAsync($"wh-{Guid.NewGuid():N}"));
        var created = (await api.PostAsync("v1/webhooks", """{"url": "https://hooks.example.com/parley", "events": ["voice.session.ended", "voice.session.ended"]}"""))
            .AssertStatus(HttpStatusCode.Created);
        Assert.Equal("webhook", created.String("object"));
        Assert.StartsWith("whsec_", created.String("secret"), StringComparison.Ordinal);
        Assert.True(created.String("secret").Length >= 40);
        Assert.True(created.Body.GetProperty("enabled").GetBoolean());
        Assert.Equal(["voice.session.ended"], Events(created.Body));

        var retrieved = (await api.GetAsync($"v1/webhooks/{created.Id}")).AssertStatus(HttpStatusCode.OK);
        Assert.False(retrieved.Body.TryGetProperty("secret", out _));
        Assert.Equal(created.String("url"), retrieved.String("url"));

        var updated = (await api.PatchAsync($"v1/webhooks/{created.Id}", """{"enabled": false, "events": ["knowledge.processing.completed", "voice.session.started"]}"""))
            .AssertStatus(HttpStatusCode.OK);
        Assert.False(updated.Body.GetProperty("enabled").GetBoolean());
        Assert.Equal(["knowledge.processing.completed", "voice.session.started"], Events(updated.Body));
        Assert.Equal(created.String("url"), updated.String("url"));
        Assert.False(updated.Body.TryGetProperty("secret", out _));

        var active = (await api.GetAsync("v1/webhooks/active?event_type=voice.session.started")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("list", active.String("object"));
        Assert.Empty(active.Body.GetProperty("data").EnumerateArray());
        (await api.PatchAsync($"v1/webhooks/{created.Id}", """{"enabled": true}""")).AssertStatus(HttpStatusCode.OK);
        active = (await api.GetAsync("v1/webhooks/active?event_type=voice.session.started")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([created.Id], active.Body.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("id").GetString()));

        (await api.DeleteAsync($"v1/webhooks/{created.Id}")).AssertStatus(HttpStatusCode.NoContent);
        (await api.GetAsync($"v1/webhooks/{created.Id}")).AssertError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Webhooks_are_listed_newest_first_page_by_page_with_next_cursor_and_only_in_their_teamspace()
    {
        using var api = server.Api(await server.CreateKeyAsync($"wh-{Guid.NewGuid():N}"));
        var made = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            made.Add((await api.PostAsync("v1/webhooks", $$"""{"url": "https://hooks.example.com/{{i}}", "events": ["voice.session.ended"]}""")).Id);
        }

        var first = (await api.GetAsync("v1/webhooks?limit=2")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([made[2], made[1]], first.Body.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        var cursor = first.String("next_cursor");
        var second = (await api.GetAsync($"v1/webhooks?limit=2&cursor={cursor}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([made[0]], second.Body.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, second.Body.GetProperty("next_cursor").ValueKind);

        using var stranger = server.Api(await server.CreateKeyAsync($"wh-{Guid.NewGuid():N}"));
        (await stranger.GetAsync($"v1/webhooks/{made[0]}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await stranger.PatchAsync($"v1/webhooks/{made[0]}", """{"enabled": false}""")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await stranger.DeleteAsync($"v1/webhooks/{made[0]}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await stranger.GetAsync($"v1/webhooks/{made[0]}/deliveries")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await stranger.GetAsync("v1/webhooks")).Body.GetProperty("data").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"url": "ftp://hooks.example.com/x", "events": ["voice.session.ended"]}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"url": "http://127.0.0.1:9/x", "events": ["voice.session.ended"]}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"url": "http://169.254.169.254/latest", "events": ["voice.session.ended"]}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"url": "https://user:pass@hooks.example.com/x", "events": ["voice.session.ended"]}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"url": "https://hooks.example.com/x", "events": ["voice.session.exploded"]}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"url": "https://hooks.example.com/x", "events": []}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"events": ["voice.session.ended"]}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"url": 7, "events": ["voice.session.ended"]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"url": "https://hooks.example.com/x", "events": "voice.session.ended"}""", HttpStatusCode.BadRequest)]
    public async Task A_webhook_Parley_cannot_or_must_not_call_is_refused_when_saved(string body, HttpStatusCode status)
    {
        using var api = server.Api(await server.CreateKeyAsync($"wh-{Guid.NewGuid():N}"));
        var answer = await api.PostAsync("v1/webhooks", body);
        answer.AssertError(status, status == HttpStatusCode.BadRequest ? "bad_request" : "unprocessable_entity");
    }

    private static List<string?> Events(JsonElement webhook) => [.. webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString())];
}
