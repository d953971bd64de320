using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Files;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Knowledge;

namespace Parley.Server.Tests.Files;

/// <summary><c>/v1/files</c>: uploads kept and served as uploaded, per teamspace, with expiry; what is refused and why.</summary>
[Collection(ServerCollection.Name)]
public sealed class FilesApiTests(ServerFixture server)
{
    [Fact]
    public async Task A_file_is_uploaded_retrieved_listed_downloaded_and_deleted_in_its_teamspace_only()
    {
        var key = await server.CreateKeyAsync($"files-{Guid.NewGuid():N}");
        var other = await server.CreateKeyAsync($"files-{Guid.NewGuid():N}");
        using var files = new FilesClient(server, key);
        var bytes = Encoding.UTF8.GetBytes("Line one.\nLine two, with ünïcode.\n");

        var created = (await files.UploadAsync("notes.txt", bytes, "text/plain")).AssertStatus(HttpStatusCode.Created);
        Assert.Equal("file", created.String("object"));
        Assert.Equal("notes.txt", created.String("filename"));
        Assert.Equal("text/plain", created.String("media_type"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.Body.GetProperty("expires_at").ValueKind);
        Assert.Equal(0, created.Body.GetProperty("credits").GetProperty("consumed").GetDouble());
        Assert.Equal(bytes.Length, created.Body.GetProperty("bytes").GetInt64());

        var retrieved = (await files.Api.GetAsync($"v1/files/{created.Id}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(created.Body.ToString(), retrieved.Body.ToString());
        var second = (await files.UploadAsync("photo.png", [0x89, 0x50, 0x4E, 0x47], "application/octet-stream")).AssertStatus(HttpStatusCode.Created);
        Assert.Equal("image/png", second.String("media_type"));
        var listed = await files.Api.ListAllAsync("v1/files", limit: 1);
        Assert.Equal([second.Id, created.Id], listed.Select(f => f.GetProperty("id").GetString()));

        var content = await files.ContentAsync(created.Id);
        Assert.Equal((HttpStatusCode.OK, "text/plain", "notes.txt"), (content.Status, content.MediaType, content.FileName));
        Assert.Equal(bytes, content.Bytes);

        using (var stranger = new FilesClient(server, other))
        {
            (await stranger.Api.GetAsync($"v1/files/{created.Id}")).AssertError(HttpStatusCode.NotFound, "not_found");
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.ContentAsync(created.Id)).Status);
            (await stranger.Api.DeleteAsync($"v1/files/{created.Id}")).AssertError(HttpStatusCode.NotFound, "not_found");
            Assert.Empty(await stranger.Api.ListAllAsync("v1/files", limit: 10));
        }

        (await files.Api.DeleteAsync($"v1/files/{created.Id}")).AssertStatus(HttpStatusCode.NoContent);
        (await files.Api.GetAsync($"v1/files/{created.Id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NotFound, (await files.ContentAsync(created.Id)).Status);
    }

    [Fact]
    public async Task An_expiring_file_is_deleted_when_due_and_its_expiry_can_be_moved()
    {
        var key = await server.CreateKeyAsync($"files-{Guid.NewGuid():N}");
        using var files = new FilesClient(server, key);
        var before = DateTimeOffset.UtcNow;
        var temporary = (await files.UploadTextAsync("temp.txt", "soon gone", expiresAfter: "1")).AssertStatus(HttpStatusCode.Created);
        var expiresAt = temporary.Body.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expiresAt, before.AddSeconds(1).AddMilliseconds(-50), DateTimeOffset.UtcNow.AddSeconds(1));
        var kept = (await files.UploadTextAsync("kept.txt", "still here", expiresAfter: "3600")).AssertStatus(HttpStatusCode.Created);
        var moved = (await files.Api.PatchAsync($"v1/files/{kept.Id}", """{"expires_after": 7200}""")).AssertStatus(HttpStatusCode.OK);
        Assert.True(moved.Body.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(7000));
        var permanent = (await files.UploadTextAsync("forever.txt", "never expires")).AssertStatus(HttpStatusCode.Created);
        (await files.Api.PatchAsync($"v1/files/{permanent.Id}", """{"expires_after": 60}""")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        (await files.Api.PatchAsync($"v1/files/{permanent.Id}", "{}")).AssertStatus(HttpStatusCode.OK);

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await server.Services.GetRequiredService<FileSweeper>().SweepAsync();

        (await files.Api.GetAsync($"v1/files/{temporary.Id}")).AssertError(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NotFound, (await files.ContentAsync(temporary.Id)).Status);
        (await files.Api.GetAsync($"v1/files/{kept.Id}")).AssertStatus(HttpStatusCode.OK);
        (await files.Api.GetAsync($"v1/files/{permanent.Id}")).AssertStatus(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("movie.exe", "application/x-msdownload", null, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type")]
    [InlineData("notes.txt", "text/plain", "0", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("notes.txt", "text/plain", "518401", HttpStatusCode.UnprocessableEntity, "unprocessable_entity")]
    [InlineData("notes.txt", "text/plain", "soon", HttpStatusCode.BadRequest, "bad_request")]
    public async Task An_upload_Parley_does_not_keep_is_refused_with_the_reason(string name, string type, string? expiresAfter, HttpStatusCode status, string error)
    {
        using var files = new FilesClient(server);
        (await files.UploadAsync(name, [1, 2, 3], type, expiresAfter)).AssertError(status, error);
    }

    [Fact]
    public async Task An_empty_upload_or_one_without_a_file_part_is_refused()
    {
        using var files = new FilesClient(server);
        (await files.UploadAsync("empty.txt", [], "text/plain")).AssertError(HttpStatusCode.UnprocessableEntity, "unprocessable_entity");
        (await files.UploadAsync("notes.txt", [1], "text/plain", field: "files[]")).AssertError(HttpStatusCode.BadRequest, "bad_request");
        (await files.Api.PostAsync("v1/files", """{"file": "x"}""")).AssertError(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }
}

/// <summary>An upload over <c>Parley:Api:MaxUploadBytes</c> is refused whole.</summary>
public sealed class FileUploadLimitTests(SmallUploadServerFixture server) : IClassFixture<SmallUploadServerFixture>
{
    [Fact]
    public async Task An_upload_over_the_limit_is_refused_and_nothing_is_kept()
    {
        using var files = new FilesClient(server);
        var answer = await files.UploadAsync("big.txt", new byte[70_000], "text/plain");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Empty(await files.Api.ListAllAsync("v1/files", limit: 10));
    }

    [Fact]
    public async Task An_upload_sent_in_chunks_without_a_length_is_cut_off_at_the_limit_with_413_not_taken_for_a_broken_body()
    {
        // Kestrel's "too large" is an IOException too: it must not become the 400 of a body that ended early.
        using var files = new FilesClient(server);
        using var form = FilesClient.Form("big.txt", new byte[70_000]);
        using var chunked = new UnknownLengthContent(await form.ReadAsByteArrayAsync(), form.Headers.ContentType!);

        (await files.UploadAsync(chunked)).AssertError(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Empty(await files.Api.ListAllAsync("v1/files", limit: 10));
    }
}
