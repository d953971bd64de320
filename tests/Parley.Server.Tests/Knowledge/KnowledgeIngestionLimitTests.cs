using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parley.Knowledge.Extraction;
using Parley.Knowledge.Files;
using Parley.Knowledge.Ingestion;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;
using Parley.Storage.Knowledge;
using Parley.Testing.Documents;
using static Parley.Server.Tests.Knowledge.KnowledgeClient;

namespace Parley.Server.Tests.Knowledge;

/// <summary>What a user sees of the ingestion limits: a hostile file fails with the reason, a deleted knowledge stops being worked on.</summary>
[Collection(ServerCollection.Name)]
public sealed class KnowledgeIngestionLimitTests(ServerFixture server)
{
    [Fact]
    public async Task A_PDF_that_decompresses_a_thousandfold_fails_with_the_reason_and_the_other_file_is_searchable()
    {
        using var client = new KnowledgeClient(server, await server.CreateKeyAsync($"kn-{Guid.NewGuid():N}"));

        var created = (await client.CreateAsync(
            "Hostile",
            File("bomb.pdf", HostilePdf.Bomb(1024), "application/pdf"),
            File("returns.txt", "Customers may return unopened items within 30 days."))).AssertStatus(HttpStatusCode.Created);
        var knowledge = await client.WaitUntilAsync(created.Body.GetProperty("id").GetString()!, "partial");

        Assert.Equal("processing_error", knowledge.GetProperty("last_error").GetProperty("code").GetString());
        Assert.Equal(
            "bomb.pdf: The PDF decompresses to more than 256 MB (the limit is Parley:Knowledge:MaxDecompressedBytes).",
            knowledge.GetProperty("last_error").GetProperty("message").GetString());
        Assert.Equal((1, 1, 2), RowCounts(knowledge));
    }

    [Fact]
    public async Task Deleting_a_knowledge_while_its_file_is_read_stops_the_reading_and_nothing_resumes_it()
    {
        var teamspace = $"kn-{Guid.NewGuid():N}";
        using var client = new KnowledgeClient(server, await server.CreateKeyAsync(teamspace));
        var queue = server.Services.GetRequiredService<KnowledgeIngestionQueue>();
        var store = server.Services.GetRequiredService<KnowledgeStore>();
        // A knowledge whose PDF is a named pipe that no one writes: its reader waits, as on a file that takes forever.
        var (id, fileId) = (Ids.New(), Ids.New());
        var path = server.Services.GetRequiredService<KnowledgeFileStore>().PathOf(id, fileId, KnowledgeFileType.Pdf);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        BlockedFile.Create(path);
        await store.CreateAsync(teamspace, id, "Endless", [new NewKnowledgeFile(fileId, "endless.pdf", "application/pdf", 0)]);
        queue.Enqueue(id);
        await BlockedFile.WaitUntilAsync(() => BlockedFile.ReadersOf(path).Count > 0, "the PDF reader to start");
        (await client.Api.GetAsync($"/v1/knowledge/{id}")).AssertStatus(HttpStatusCode.OK);

        (await client.Api.DeleteAsync($"/v1/knowledge/{id}")).AssertStatus(HttpStatusCode.NoContent);

        await BlockedFile.WaitUntilAsync(() => !queue.IsRunning(id), "the ingestion to stop");
        Assert.Empty(BlockedFile.ReadersOf(path));
        Assert.DoesNotContain(id, await store.ListUnfinishedAsync()); // what the next start would resume
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
        (await client.Api.GetAsync($"/v1/knowledge/{id}")).AssertStatus(HttpStatusCode.NotFound);
    }
}
