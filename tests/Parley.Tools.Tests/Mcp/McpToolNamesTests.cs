using Parley.Tools.Mcp;

namespace Parley.Tools.Tests.Mcp;

public sealed class McpToolNamesTests
{
    [Fact]
    public void KeepsNamesNoOtherServerHas()
    {
        var names = McpToolNames.Assign([("a", ["search", "open"]), ("b", ["close"])]);

        Assert.Equal(["search", "open"], names[0]);
        Assert.Equal(["close"], names[1]);
    }

    [Fact]
    public void PrefixesSharedNamesWithTheirServers()
    {
        var names = McpToolNames.Assign([("crm", ["search", "open"]), ("wiki", ["search"])]);

        Assert.Equal(["crm__search", "open"], names[0]);
        Assert.Equal(["wiki__search"], names[1]);
    }

    [Fact]
    public void MakesServerNamesValidAndShortEnough()
    {
        var longName = new string('x', 100);

        var names = McpToolNames.Assign([("s", ["files.read", longName, ""]), ("t", [longName])]);

        Assert.Equal("files_read", names[0][0]);
        Assert.Equal("s__" + new string('x', 61), names[0][1]);
        Assert.Equal("tool", names[0][2]);
        Assert.Equal("t__" + new string('x', 61), names[1][0]);
        Assert.All(names.SelectMany(n => n), n => Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", n));
    }

    [Fact]
    public void NumbersNamesThatStillCollide()
    {
        var names = McpToolNames.Assign([("s", ["read.file", "read_file", "read file"])]);

        Assert.Equal(["read_file", "read_file_2", "read_file_3"], names[0]);
    }
}
