using System.Net;
using Parley.Client.Agents;
using Parley.Client.Errors;
using Parley.Client.Tests.Infrastructure;

namespace Parley.Client.Tests.Rest;

[Collection(ServerCollection.Name)]
public sealed class AgentsClientTests(ServerFixture fixture)
{
    [Fact]
    public async Task Agents_are_created_read_changed_listed_and_deleted()
    {
        using var client = fixture.Server.Client();
        var created = await client.Agents.CreateAsync(new AgentRequest
        {
            Name = "Math tutor",
            Description = "Helps with sums",
            SystemPrompt = "Be brief.",
            Temperature = 0.5,
            Tools = [new AgentTool("calculator")],
        });
        Assert.Equal("agent", created.Object);
        Assert.Equal("Math tutor", created.Name);
        Assert.Equal(["calculator"], created.Tools.Select(t => t.Name));
        Assert.False(created.IsDefault);

        var read = await client.Agents.GetAsync(created.Id);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal("Be brief.", read.SystemPrompt);

        var changed = await client.Agents.UpdateAsync(created.Id, new AgentRequest { Name = "Maths tutor" });
        Assert.Equal("Maths tutor", changed.Name);
        Assert.Equal("Helps with sums", changed.Description); // Fields left null are not sent, so they stay.

        var page = await client.Agents.ListAsync(new AgentListOptions { Search = "Maths tutor", Limit = 5 });
        Assert.Equal("list", page.Object);
        Assert.Contains(page.Data, a => a.Id == created.Id);

        await client.Agents.DeleteAsync(created.Id);
        var gone = await Assert.ThrowsAsync<ParleyNotFoundException>(() => client.Agents.GetAsync(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("not_found", gone.Error);
        Assert.False(gone.Retryable);
        Assert.Contains(created.Id, gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_all_follows_the_cursor_across_pages()
    {
        using var client = fixture.Server.Client();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await client.Agents.CreateAsync(new AgentRequest { Name = $"pager {tag} {i}" })).Id);
        }

        var firstPage = await client.Agents.ListAsync(new AgentListOptions { Search = tag, Limit = 2 });
        Assert.Equal(2, firstPage.Data.Count);
        Assert.True(firstPage.HasMore);

        var all = new List<Agent>();
        await foreach (var agent in client.Agents.ListAllAsync(new AgentListOptions { Search = tag, Limit = 2 }))
        {
            all.Add(agent);
        }

        Assert.Equal(ids.AsEnumerable().Reverse(), all.Select(a => a.Id)); // Newest first, each once.
    }

    [Fact]
    public async Task Invalid_values_are_bad_requests()
    {
        using var client = fixture.Server.Client();
        var unknownTool = await Assert.ThrowsAsync<ParleyBadRequestException>(() => client.Agents.CreateAsync(new AgentRequest { Name = "x", Tools = [new AgentTool("no_such_tool")] }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownTool.StatusCode);
        Assert.Equal("unprocessable_entity", unknownTool.Error);

        var temperature = await Assert.ThrowsAsync<ParleyBadRequestException>(() => client.Agents.CreateAsync(new AgentRequest { Name = "x", Temperature = 7 }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, temperature.StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_is_an_authentication_error()
    {
        using var client = fixture.Server.Client("pk_wrong_key");
        var error = await Assert.ThrowsAsync<ParleyAuthenticationException>(() => client.Agents.ListAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("unauthorized", error.Error);
    }
}
