using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage.Database;
using Parley.Storage.Secrets;

namespace Parley.Server.Tests.Secrets;

[Collection(ServerCollection.Name)]
public sealed class SecretsApiTests(ServerFixture server)
{
    [Fact]
    public async Task A_secret_is_created_retrieved_listed_and_deleted_with_the_sdk_shape_and_never_its_value()
    {
        using var api = server.Api(await server.CreateKeyAsync($"secrets-{Guid.NewGuid():N}"));

        var created = (await api.PostAsync("/v1/secrets", """{"name": "CRM token", "value": "tok_live_0123456789", "allowed_hosts": ["crm.example.com"]}"""))
            .AssertStatus(HttpStatusCode.Created);

        var body = created.Body;
        Assert.Equal(["allowed_hosts", "created_at", "id", "name", "object"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["crm.example.com"], body.GetProperty("allowed_hosts").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal("secret", body.GetProperty("object").GetString());
        Assert.Equal("CRM token", body.GetProperty("name").GetString());
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("created_at").GetString(), out _));

        var retrieved = (await api.GetAsync($"/v1/secrets/{created.Id}")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal(body.GetRawText(), retrieved.GetRawText());
        var listed = await api.ListAllAsync("/v1/secrets", limit: 10);
        Assert.Equal(body.GetRawText(), Assert.Single(listed).GetRawText());
        foreach (var answer in new[] { body, retrieved, listed[0] })
        {
            Assert.DoesNotContain("tok_live_0123456789", answer.GetRawText(), StringComparison.Ordinal);
        }

        (await api.DeleteAsync($"/v1/secrets/{created.Id}")).AssertStatus(HttpStatusCode.NoContent);
        (await api.GetAsync($"/v1/secrets/{created.Id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await api.DeleteAsync($"/v1/secrets/{created.Id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.Empty(await api.ListAllAsync("/v1/secrets", limit: 10));
    }

    [Fact]
    public async Task The_value_is_stored_encrypted_with_keys_kept_apart_in_the_data_folder()
    {
        using var api = server.Api(await server.CreateKeyAsync($"secrets-{Guid.NewGuid():N}"));
        var id = (await api.PostAsync("/v1/secrets", """{"name": "stored", "value": "plain-value-that-must-not-be-stored", "allowed_hosts": ["a.example"]}""")).AssertStatus(HttpStatusCode.Created).Id;

        await using var connection = await server.Services.GetRequiredService<ParleyDatabase>().OpenAsync();
        var stored = await connection.QuerySingleAsync<string>("SELECT protected_value FROM secrets WHERE id = @Id;", new { Id = id });
        Assert.DoesNotContain("plain-value-that-must-not-be-stored", stored, StringComparison.Ordinal);
        var keys = Path.Combine(server.Services.GetRequiredService<StorageOptions>().DataDirectory, SecretServiceCollectionExtensions.KeyFolder);
        Assert.NotEmpty(Directory.GetFiles(keys, "*.xml"));
    }

    [Fact]
    public async Task Secrets_list_newest_first_page_by_page()
    {
        using var api = server.Api(await server.CreateKeyAsync($"secrets-{Guid.NewGuid():N}"));
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await api.PostAsync("/v1/secrets", $$"""{"name": "s{{i}}", "value": "v", "allowed_hosts": ["a.example"]}""")).AssertStatus(HttpStatusCode.Created).Id);
        }

        var all = await api.ListAllAsync("/v1/secrets", limit: 2);
        Assert.Equal(Enumerable.Reverse(ids), all.Select(s => s.GetProperty("id").GetString()));
        var first = (await api.GetAsync("/v1/secrets?limit=2")).AssertStatus(HttpStatusCode.OK).Body;
        Assert.Equal("list", first.GetProperty("object").GetString());
        Assert.True(first.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Another_teamspace_neither_sees_nor_deletes_a_secret_and_may_use_the_same_name()
    {
        using var owner = server.Api(await server.CreateKeyAsync($"secrets-{Guid.NewGuid():N}"));
        using var stranger = server.Api(await server.CreateKeyAsync($"secrets-{Guid.NewGuid():N}"));
        var id = (await owner.PostAsync("/v1/secrets", """{"name": "shared name", "value": "mine", "allowed_hosts": ["a.example"]}""")).AssertStatus(HttpStatusCode.Created).Id;

        (await stranger.GetAsync($"/v1/secrets/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        (await stranger.DeleteAsync($"/v1/secrets/{id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.Empty(await stranger.ListAllAsync("/v1/secrets", limit: 10));
        (await stranger.PostAsync("/v1/secrets", """{"name": "shared name", "value": "theirs", "allowed_hosts": ["a.example"]}""")).AssertStatus(HttpStatusCode.Created);
        (await owner.GetAsync($"/v1/secrets/{id}")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_name_taken_in_the_teamspace_is_a_conflict()
    {
        using var api = server.Api(await server.CreateKeyAsync($"secrets-{Guid.NewGuid():N}"));
        (await api.PostAsync("/v1/secrets", """{"name": "token", "value": "first", "allowed_hosts": ["a.example"]}""")).AssertStatus(HttpStatusCode.Created);

        (await api.PostAsync("/v1/secrets", """{"name": "token", "value": "second", "allowed_hosts": ["a.example"]}""")).AssertError(HttpStatusCode.Conflict, "conflict");
    }

    [Theory]
    [InlineData("""{"name": 5, "value": "v"}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"name": "n", "value": true}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""[1]""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"name": "n", "value": "v", "allowed_hosts": "a.example"}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"name": "n", "value": "v", "allowed_hosts": [1]}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("""{"name": "n", "value": "v", "allowed_hosts": []}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": "n", "value": "v", "allowed_hosts": ["https://a.example/"]}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": "n", "value": "v", "allowed_hosts": ["*.example.com"]}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": "n", "value": "v", "allowed_hosts": ["a.example:99999"]}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": "n", "value": "v", "allowed_hosts": [null]}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": "n", "value": "v"}""", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData("""{"value": "v"}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": "n"}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": "n", "value": ""}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": "", "value": "v"}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": " padded", "value": "v"}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("""{"name": "a}}b", "value": "v"}""", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    public async Task A_bad_body_is_refused(string json, HttpStatusCode status, string error)
    {
        using var api = server.Api(await server.CreateKeyAsync($"secrets-{Guid.NewGuid():N}"));

        (await api.PostAsync("/v1/secrets", json)).AssertError(status, error);
        Assert.Empty(await api.ListAllAsync("/v1/secrets", limit: 10));
    }

    [Fact]
    public async Task Allowed_hosts_are_kept_in_their_canonical_form()
    {
        using var api = server.Api(await server.CreateKeyAsync($"secrets-{Guid.NewGuid():N}"));

        var body = (await api.PostAsync("/v1/secrets", """{"name": "n", "value": "v", "allowed_hosts": ["CRM.Example.com.", " api.example.com:8443 ", "[0:0::1]:80", "::1"]}"""))
            .AssertStatus(HttpStatusCode.Created).Body;

        Assert.Equal(["crm.example.com", "api.example.com:8443", "[::1]:80", "[::1]"], body.GetProperty("allowed_hosts").EnumerateArray().Select(h => h.GetString()));
    }

    [Fact]
    public async Task Only_an_admin_key_creates_a_secret_that_may_go_anywhere()
    {
        var teamspace = $"secrets-{Guid.NewGuid():N}";
        using var member = server.Api(await server.CreateKeyAsync(teamspace));
        using var admin = server.Api(await server.CreateKeyAsync(teamspace, admin: true));

        var refused = (await member.PostAsync("/v1/secrets", """{"name": "anywhere", "value": "v"}""")).AssertError(HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("allowed_hosts", refused.String("message"), StringComparison.Ordinal);
        Assert.Empty(await member.ListAllAsync("/v1/secrets", limit: 10));

        var created = (await admin.PostAsync("/v1/secrets", """{"name": "anywhere", "value": "v"}""")).AssertStatus(HttpStatusCode.Created).Body;
        Assert.Equal(JsonValueKind.Null, created.GetProperty("allowed_hosts").ValueKind);
        Assert.Single(await member.ListAllAsync("/v1/secrets", limit: 10));
    }

    [Fact]
    public async Task A_value_too_long_is_refused()
    {
        using var api = server.Api(await server.CreateKeyAsync($"secrets-{Guid.NewGuid():N}"));
        var json = JsonSerializer.Serialize(new { name = "long", value = new string('x', 16_385), allowed_hosts = new[] { "a.example" } });

        (await api.PostAsync("/v1/secrets", json)).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
    }
}
