using System.Net;
using System.Text;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>Text that is not Unicode is a 400 wherever a JSON body is read (issue 12, item 10: invalid UTF-8 gave 500 on <c>POST /v1/agents</c>).</summary>
[Collection(ServerCollection.Name)]
public sealed class BodyEncodingTests(ServerFixture server)
{
    public static TheoryData<string> Bodies => new()
    {
        "raw bytes that are not UTF-8",
        "an escaped lone surrogate",
        "a bad byte in a field name",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Every_json_body_with_text_that_is_not_unicode_is_400_and_stores_nothing(string what)
    {
        var world = await TeamspaceWorld.CreateAsync(server, "encoding");
        using var api = server.Api(world.Admin.Raw);
        var body = Body(what);
        (HttpMethod Method, string Path)[] routes =
        [
            (HttpMethod.Post, "/v1/agents"),
            (HttpMethod.Patch, $"/v1/agents/{world.AgentId}"),
            (HttpMethod.Post, "/v1/conversations"),
            (HttpMethod.Patch, $"/v1/conversations/{world.ConversationId}"),
            (HttpMethod.Patch, $"/v1/knowledge/{world.KnowledgeId}"),
            (HttpMethod.Post, "/v1/secrets"),
            (HttpMethod.Post, "/v1/keys"),
            (HttpMethod.Post, "/v1/voice"),
        ];

        foreach (var (method, path) in routes)
        {
            var answer = await api.SendBytesAsync(method, path, body);
            Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{method} {path} with {what}: {(int)answer.Status} {answer.Body}");
            answer.AssertError(HttpStatusCode.BadRequest, "bad_request");
        }

        Assert.Single(await api.ListAllAsync("/v1/conversations", 10));
        Assert.Equal("owned agent", (await api.GetAsync($"/v1/agents/{world.AgentId}")).String("name"));
    }

    private static byte[] Body(string what) => what switch
    {
        "raw bytes that are not UTF-8" => [.. Ascii("{\"name\": \"caf"), 0xC3, 0x28, .. Ascii("\", \"value\": \"v\", \"teamspace_id\": \"x\"}")],
        "an escaped lone surrogate" => Ascii("{\"name\": \"\\ud800\", \"value\": \"v\", \"initial_message\": \"\\udc00\"}"),
        _ => [.. Ascii("{\"na"), 0xFF, .. Ascii("me\": \"x\"}")],
    };

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
