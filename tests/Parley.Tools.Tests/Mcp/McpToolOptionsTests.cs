using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tools.Mcp;

namespace Parley.Tools.Tests.Mcp;

public sealed class McpToolOptionsTests
{
    [Fact]
    public void DefaultsRefuseEveryCommandAndWaitTenSeconds()
    {
        var options = Bind([]);

        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectTimeout);
        Assert.Empty(options.AllowedCommands);
        Assert.Empty(options.ForwardedEnvironment);
    }

    [Fact]
    public void BindsFromParleyToolsMcp()
    {
        var options = Bind(new()
        {
            ["Parley:Tools:Mcp:ConnectTimeout"] = "00:00:03",
            ["Parley:Tools:Mcp:AllowedCommands:0"] = "npx",
            ["Parley:Tools:Mcp:AllowedCommands:1"] = "/usr/local/bin/mcp-git",
            ["Parley:Tools:Mcp:ForwardedEnvironment:0"] = "DOTNET_ROOT",
        });

        Assert.Equal(TimeSpan.FromSeconds(3), options.ConnectTimeout);
        Assert.Equal(["npx", "/usr/local/bin/mcp-git"], options.AllowedCommands);
        Assert.Equal(["DOTNET_ROOT"], options.ForwardedEnvironment);
    }

    [Fact]
    public void RefusesATimeoutThatCannotWork() =>
        Assert.Throws<InvalidOperationException>(() => Bind(new() { ["Parley:Tools:Mcp:ConnectTimeout"] = "00:00:00" }));

    private static McpToolOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddParleyMcpTools(configuration).BuildServiceProvider();
        return services.GetRequiredService<McpToolOptions>();
    }
}
