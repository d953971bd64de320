using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Knowledge;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage.Knowledge;
using static Parley.Server.Tests.Knowledge.KnowledgeClient;

namespace Parley.Server.Tests.Knowledge;

[Collection(ServerCollection.Name)]
public sealed class KnowledgeApiTests(ServerFixture server)
{
    private static readonly byte[] Manual = Pdf(
        ["Warranty: the espresso machine is covered for two years."],
        ["Descaling: run the descaling program every three months."]);

    [Fact]
    public async Task Text_markdown_and_PDF_uploads_become_ready_knowledge_whose_passages_search_finds()
    {
        var teamspace = $"kn-{Guid.NewGuid():N}";
        using var client = new KnowledgeClient(server, await server.CreateKeyAsync(teamspace));

        var created = (await client.CreateAsync(
            "Coffee shop",
            File("returns.txt", "Customers may return unopened items within 30 days for a full refund."),
            File("hours.md", "# Opening hours\n\nThe shop **opens** at nine and closes at six.", "text/markdown"),
            File("manual.pdf", Manual, "application/pdf"))).AssertStatus(HttpStatusCode.Created);

        var body = created.Body;
        Assert.Equal("knowledge", body.GetProperty("object").GetString());
        Assert.Equal("Coffee shop", body.GetProperty("name").GetString());
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal((0, 0, 3), RowCounts(body));
        Assert.Equal(teamspace, body.GetProperty("teamspace_id").GetString());
        Assert.Equal("teamspace", body.GetProperty("scope").GetString());
        Assert.Equal("root", body.GetProperty("parent").GetProperty("type").GetString());
        foreach (var field in new[] { "credits", "last_error", "sync" })
        {
            Assert.Equal(JsonValueKind.Null, body.GetProperty(field).ValueKind); // present, null
        }

        Assert.True(DateTimeOffset.TryParse(body.GetProperty("created_at").GetString(), out _));
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("updated_at").GetString(), out _));

        var ready = await client.WaitUntilAsync(created.Id, "ready");
        Assert.Equal((3, 0, 3), RowCounts(ready));
        Assert.Equal(JsonValueKind.Null, ready.GetProperty("last_error").ValueKind);

        var store = server.Services.GetRequiredService<KnowledgeStore>();
        var found = await store.SearchAsync(teamspace, [created.Id], "How often do I run the descaling program?", 3);
        Assert.Equal(("manual.pdf", 2, "Coffee shop"), (found[0].SourceName, found[0].PageNumber, found[0].KnowledgeName));
        Assert.Equal("hours.md", (await store.SearchAsync(teamspace, null, "when does the shop open", 3))[0].SourceName);
        Assert.Equal("returns.txt", (await store.SearchAsync(teamspace, null, "\"refund\" for (unopened) items?", 3))[0].SourceName);
        Assert.Empty(await store.SearchAsync(TeamspaceOf(), null, "descaling", 3));
    }

    [Fact]
    public async Task The_files_are_saved_in_the_data_folder_and_deleting_removes_them_with_the_knowledge()
    {
        using var client = new KnowledgeClient(server, await server.CreateKeyAsync($"kn-{Guid.NewGuid():N}"));
        var id = (await client.CreateAsync("doomed", File("a.txt", "Quokkas juggle."))).AssertStatus(HttpStatusCode.Created).Id;
        var folder = Path.Combine(server.Services.GetRequiredService<KnowledgeOptions>().DataDirectory, "knowledge", id);
        Assert.Single(Directory.GetFiles(folder));
        await client.WaitUntilAsync(id, "ready");

        (await client.Api.DeleteAsync($"/v1/knowledge/{id}")).AssertStatus(HttpStatusCode.NoContent);

        (await client.Api.GetAsync($"/v1/knowledge/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await client.Api.DeleteAsync($"/v1/knowledge/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await client.Api.PatchAsync($"/v1/knowledge/{id}", """{"name": "x"}""")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task The_list_pages_newest_first_forward_and_back()
    {
        using var client = new KnowledgeClient(server, await server.CreateKeyAsync($"kn-{Guid.NewGuid():N}"));
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await client.CreateAsync($"k{i}", File($"f{i}.txt", $"Note {i}."))).AssertStatus(HttpStatusCode.Created).Id);
        }

        ids.Reverse();
        Assert.Equal(ids, (await client.Api.ListAllAsync("/v1/knowledge", limit: 2)).Select(k => k.GetProperty("id").GetString()));

        var first = (await client.Api.GetAsync("/v1/knowledge?limit=2")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal("list", first.GetProperty("object").GetString());
        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.Equal(ids[..2], Ids(first));
        var last = (await client.Api.GetAsync($"/v1/knowledge?limit=2&after={ids[3]}")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal(ids[4..], Ids(last));
        Assert.False(last.GetProperty("has_more").GetBoolean());
        var back = (await client.Api.GetAsync($"/v1/knowledge?limit=2&before={ids[3]}")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal(ids[1..3], Ids(back));
        Assert.True(back.GetProperty("has_more").GetBoolean());
        Assert.All(Ids((await client.Api.GetAsync("/v1/knowledge?limit=100")).Body), id => Assert.Contains(id, ids));
        (await client.Api.GetAsync("/v1/knowledge?limit=0")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
    }

    [Fact]
    public async Task The_name_is_updated_by_JSON_or_by_a_form_as_the_SDK_sends_it()
    {
        using var client = new KnowledgeClient(server);
        var id = (await client.CreateAsync(null, File("faq.txt", "Questions and answers."))).AssertStatus(HttpStatusCode.Created).Id;
        Assert.Equal("faq.txt", (await client.Api.GetAsync($"/v1/knowledge/{id}")).String("name")); // named after its first file

        var renamed = (await client.Api.PatchAsync($"/v1/knowledge/{id}", """{"name": "FAQ"}""")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("FAQ", renamed.String("name"));
        Assert.Equal("FAQ", (await client.Api.GetAsync($"/v1/knowledge/{id}")).String("name"));

        var byForm = (await client.SendAsync(HttpMethod.Patch, $"v1/knowledge/{id}", Form([], ("name", "Frequent questions")))).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Frequent questions", byForm.String("name"));
        Assert.Equal("Frequent questions", (await client.Api.PatchAsync($"/v1/knowledge/{id}", "{}")).AssertStatus(HttpStatusCode.OK).String("name"));
        Assert.Equal("Frequent questions", (await client.Api.SendAsync(HttpMethod.Patch, $"/v1/knowledge/{id}", null)).AssertStatus(HttpStatusCode.OK).String("name"));

        (await client.Api.PatchAsync($"/v1/knowledge/{id}", """{"name": "  "}""")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        (await client.Api.PatchAsync($"/v1/knowledge/{id}", $$"""{"name": "{{new string('n', 201)}}"}""")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        (await client.Api.PatchAsync($"/v1/knowledge/{id}", """{"name": 5}""")).AssertError(HttpStatusCode.BadRequest, "bad_request");
        (await client.Api.PatchAsync($"/v1/knowledge/{id}", """{"scope": "organization"}""")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        (await client.Api.PatchAsync($"/v1/knowledge/{id}", """{"sync": {"enabled": true}}""")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        (await client.SendAsync(HttpMethod.Patch, $"v1/knowledge/{id}", Form([File("new.txt", "new")])))
            .AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        Assert.Equal("Frequent questions", (await client.Api.GetAsync($"/v1/knowledge/{id}")).String("name"));
    }

    [Fact]
    public async Task Another_teamspace_cannot_see_change_or_delete_the_knowledge()
    {
        using var owner = new KnowledgeClient(server);
        using var stranger = new KnowledgeClient(server, await server.CreateKeyAsync($"kn-{Guid.NewGuid():N}"));
        var id = (await owner.CreateAsync("private", File("secret.txt", "The vault code is 1234."))).AssertStatus(HttpStatusCode.Created).Id;

        (await stranger.Api.GetAsync($"/v1/knowledge/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await stranger.Api.PatchAsync($"/v1/knowledge/{id}", """{"name": "mine"}""")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await stranger.Api.DeleteAsync($"/v1/knowledge/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.Empty(Ids((await stranger.Api.GetAsync("/v1/knowledge")).AssertStatus(HttpStatusCode.OK).Body));
        Assert.Equal("private", (await owner.Api.GetAsync($"/v1/knowledge/{id}")).String("name"));
    }

    [Fact]
    public async Task Files_as_plain_files_parts_are_accepted_and_a_broken_PDF_fails_with_last_error()
    {
        using var client = new KnowledgeClient(server);
        var id = (await client.CreateAsync("broken", File("scan.pdf", "not really a pdf", "application/pdf", field: "files")))
            .AssertStatus(HttpStatusCode.Created).Id;

        var failed = await client.WaitUntilAsync(id, "failed");
        Assert.Equal((0, 1, 1), RowCounts(failed));
        Assert.Equal("processing_error", failed.GetProperty("last_error").GetProperty("code").GetString());
        Assert.StartsWith("scan.pdf: The PDF could not be read", failed.GetProperty("last_error").GetProperty("message").GetString(), StringComparison.Ordinal);

        var partialId = (await client.CreateAsync("mixed", File("ok.txt", "Fine text."), File("scan.pdf", "nope", "application/pdf"))).Id;
        var partial = await client.WaitUntilAsync(partialId, "partial");
        Assert.Equal((1, 1, 2), RowCounts(partial));
        Assert.Equal("processing_error", partial.GetProperty("last_error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unsupported_types_missing_files_and_bodies_that_are_not_forms_are_refused()
    {
        using var client = new KnowledgeClient(server);
        var before = Ids((await client.Api.GetAsync("/v1/knowledge?limit=100")).Body).Count;

        var docx = (await client.CreateAsync("bad", File("report.docx", [0x50, 0x4B, 0x03, 0x04], "application/vnd.openxmlformats-officedocument.wordprocessingml.document")))
            .AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        Assert.Contains("report.docx", docx.String("message"), StringComparison.Ordinal);
        (await client.CreateAsync("mixed", File("ok.txt", "fine"), File("photo.png", [0x89, 0x50], "image/png")))
            .AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");

        (await client.CreateAsync(Form([], ("name", "empty")))).AssertError(HttpStatusCode.BadRequest, "bad_request");
        (await client.CreateAsync(Form([File("a.txt", "x", field: "document")]))).AssertError(HttpStatusCode.BadRequest, "bad_request");
        // Routing refuses what the endpoint does not accept (its Accepts metadata) before the handler runs.
        (await client.CreateAsync(new StringContent("""{"name": "json"}""", Encoding.UTF8, "application/json"))).AssertStatus(HttpStatusCode.UnsupportedMediaType);
        (await client.CreateAsync(new string('n', 201), File("a.txt", "x"))).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");

        Assert.Equal(before, Ids((await client.Api.GetAsync("/v1/knowledge?limit=100")).Body).Count); // nothing was created
        (await client.Api.GetAsync($"/v1/knowledge/{Guid.NewGuid()}")).AssertError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Without_a_key_the_knowledge_API_answers_401()
    {
        using var anonymous = server.Api(apiKey: null);
        (await anonymous.GetAsync("/v1/knowledge")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static List<string> Ids(JsonElement list) => [.. list.GetProperty("data").EnumerateArray().Select(k => k.GetProperty("id").GetString()!)];

    private static string TeamspaceOf() => $"nobody-{Guid.NewGuid():N}";
}
