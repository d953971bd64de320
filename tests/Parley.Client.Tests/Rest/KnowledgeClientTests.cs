using System.Text;
using Parley.Client.Errors;
using Parley.Client.Knowledge;
using Parley.Client.Tests.Infrastructure;

namespace Parley.Client.Tests.Rest;

[Collection(ServerCollection.Name)]
public sealed class KnowledgeClientTests(ServerFixture fixture)
{
    [Fact]
    public async Task Knowledge_is_uploaded_ingested_renamed_listed_and_deleted()
    {
        using var client = fixture.Server.Client();
        using var text = new MemoryStream(Encoding.UTF8.GetBytes("The office plant is called Gerald. It is watered on Mondays."));
        var created = await client.Knowledge.CreateAsync([new KnowledgeFile("plants.txt", text, "text/plain")], "Office facts");
        Assert.Equal("knowledge", created.Object);
        Assert.Equal("Office facts", created.Name);

        var settled = await client.Knowledge.WaitUntilSettledAsync(created.Id, TimeSpan.FromMilliseconds(100));
        Assert.Equal(KnowledgeStatuses.Ready, settled.Status);
        Assert.Equal(new KnowledgeRowCounts(1, 0, 1), settled.RowCounts);

        Assert.Equal("Plants", (await client.Knowledge.RenameAsync(created.Id, "Plants")).Name);
        Assert.Equal("Plants", (await client.Knowledge.GetAsync(created.Id)).Name);
        Assert.Contains((await client.Knowledge.ListAsync()).Data, k => k.Id == created.Id);
        var all = new List<KnowledgeBase>();
        await foreach (var k in client.Knowledge.ListAllAsync(new Paging.ListOptions { Limit = 1 }))
        {
            all.Add(k);
        }

        Assert.Contains(all, k => k.Id == created.Id);

        await client.Knowledge.DeleteAsync(created.Id);
        await Assert.ThrowsAsync<ParleyNotFoundException>(() => client.Knowledge.GetAsync(created.Id));
    }

    [Fact]
    public async Task An_unsupported_file_is_refused()
    {
        using var client = fixture.Server.Client();
        using var bytes = new MemoryStream([1, 2, 3]);
        var error = await Assert.ThrowsAsync<ParleyBadRequestException>(() => client.Knowledge.CreateAsync([new KnowledgeFile("tune.mp3", bytes, "audio/mpeg")]));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.StatusCode);
    }
}
