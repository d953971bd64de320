using System.Net;
using Parley.Client.Errors;
using Parley.Client.Keys;
using Parley.Client.Tests.Infrastructure;

namespace Parley.Client.Tests.Rest;

[Collection(ServerCollection.Name)]
public sealed class KeysAndToolsClientTests(ServerFixture fixture)
{
    [Fact]
    public async Task An_admin_creates_lists_and_revokes_keys()
    {
        using var admin = fixture.Server.Client();
        var teamspace = "team-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.Keys.CreateAsync(new ApiKeyRequest { Name = "ci", TeamspaceId = teamspace });
        Assert.Equal("api_key", created.Object);
        Assert.StartsWith(created.Prefix, created.Key, StringComparison.Ordinal);

        using var user = fixture.Server.Client(created.Key);
        Assert.NotEmpty((await user.Agents.ListAsync()).Data); // The new teamspace has its default agent.
        var forbidden = await Assert.ThrowsAsync<ParleyPermissionDeniedException>(() => user.Keys.ListAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var listed = await admin.Keys.ListAsync(teamspace);
        Assert.Equal(created.Id, Assert.Single(listed).Id);
        Assert.Null(listed[0].Key);

        await admin.Keys.RevokeAsync(created.Id, teamspace);
        await Assert.ThrowsAsync<ParleyAuthenticationException>(() => user.Agents.ListAsync());
        await Assert.ThrowsAsync<ParleyNotFoundException>(() => admin.Keys.RevokeAsync("no-such-key"));
    }

    [Fact]
    public async Task Tools_are_listed_and_read()
    {
        using var client = fixture.Server.Client();
        var tools = new List<Tools.ToolInfo>();
        await foreach (var tool in client.Tools.ListAllAsync(new Paging.ListOptions { Limit = 1 }))
        {
            tools.Add(tool);
        }

        Assert.Contains(tools, t => t.Name == "calculator");
        Assert.Equal(tools.Select(t => t.Name).Order(StringComparer.Ordinal), tools.Select(t => t.Name));
        var calculator = await client.Tools.GetAsync("calculator");
        Assert.Equal("tool", calculator.Object);
        Assert.False(string.IsNullOrEmpty(calculator.Description));
    }
}
