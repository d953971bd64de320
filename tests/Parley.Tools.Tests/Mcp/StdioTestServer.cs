using System.Text.Json;

namespace Parley.Tools.Tests.Mcp;

/// <summary>The built Parley.McpTestServer, started by the stdio tests as <c>dotnet Parley.McpTestServer.dll</c>.</summary>
internal static class StdioTestServer
{
    /// <summary>The path of the server's assembly, built beside this test project with the same configuration.</summary>
    public static string AssemblyPath { get; } = Find();

    /// <summary>An <c>mcp_servers</c> entry that starts the server; <paramref name="extra"/> adds fields such as <c>tools</c> or <c>env</c>.</summary>
    public static JsonElement Entry(string name = "shop", object? extra = null)
    {
        var entry = new Dictionary<string, object?> { ["name"] = name, ["command"] = "dotnet", ["args"] = new[] { AssemblyPath } };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                entry[property.Name] = property.Value;
            }
        }

        return JsonSerializer.SerializeToElement(entry);
    }

    private static string Find()
    {
        // bin/<Configuration>/<TargetFramework>/ of this project; the server builds to the same place in its own.
        var targetDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = targetDirectory.Parent!.Name;
        var testsDirectory = targetDirectory.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(testsDirectory, "Parley.McpTestServer", "bin", configuration, targetDirectory.Name, "Parley.McpTestServer.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build Parley.McpTestServer first (the test project builds it).", path);
    }
}
