using System.Text.Json;
using Parley.Tools.Mcp;

namespace Parley.Tools.Tests.Mcp;

public sealed class McpServerEntryReaderTests
{
    [Fact]
    public void ReadsAnHttpEntry()
    {
        var entry = Read("""{"name":"crm","url":"https://crm.example/mcp","headers":{"Authorization":"Bearer k"},"tools":["find_customer"]}""");

        Assert.Equal("crm", entry.Name);
        Assert.Equal(new Uri("https://crm.example/mcp"), entry.Url);
        Assert.False(entry.IsStdio);
        Assert.Equal("Bearer k", entry.Headers["Authorization"]);
        Assert.True(entry.Allows("find_customer"));
        Assert.False(entry.Allows("delete_customer"));
    }

    [Fact]
    public void ReadsAStdioEntry()
    {
        var entry = Read("""{"name":"files","command":"mcp-files","args":["--root","/srv"],"env":{"LEVEL":"debug"}}""");

        Assert.True(entry.IsStdio);
        Assert.Equal("mcp-files", entry.Command);
        Assert.Equal(["--root", "/srv"], entry.Args);
        Assert.Equal("debug", entry.Env["LEVEL"]);
        Assert.True(entry.Allows("anything"));
    }

    [Theory]
    [InlineData("""{"url":"http://tools.local:8080/mcp"}""", "tools_local")]
    [InlineData("""{"command":"/opt/mcp/bin/git-server.sh"}""", "git-server")]
    [InlineData("""{"name":"my crm (prod)","url":"http://x/mcp"}""", "my_crm__prod_")]
    [InlineData("""{"name":"   ","url":"http://x/mcp"}""", "x")]
    public void NamesTheServerWithinTheAllowedCharacters(string json, string name) => Assert.Equal(name, Read(json).Name);

    [Theory]
    [InlineData("""{"server_id":"srv_1","credential_id":"c"}""", "it has no url or command")]
    [InlineData("""{"url":"http://x/mcp","command":"c"}""", "it has both a url and a command")]
    [InlineData("""{"url":"/relative/mcp"}""", "its url is not an absolute http or https URL")]
    [InlineData("""{"url":42}""", "its url is not a non-empty string")]
    [InlineData("""{"command":"c","args":"--flag"}""", "its args is not an array of strings")]
    [InlineData("""{"command":"c","env":{"A":1}}""", "its env is not an object of strings")]
    [InlineData("""{"url":"http://x/mcp","tools":[1]}""", "its tools is not an array of strings")]
    [InlineData("""[1, 2]""", "it is not a JSON object")]
    public void SaysWhyAnEntryCannotBeAttached(string json, string problem)
    {
        Assert.False(McpServerEntryReader.TryRead(JsonDocument.Parse(json).RootElement, 0, out var entry, out var actual));
        Assert.Null(entry);
        Assert.StartsWith(problem, actual, StringComparison.Ordinal);
    }

    private static McpServerEntry Read(string json)
    {
        Assert.True(McpServerEntryReader.TryRead(JsonDocument.Parse(json).RootElement, 0, out var entry, out var problem), problem);
        return entry;
    }
}
