using System.Diagnostics;

namespace Parley.Server.Tests.Hosting;

/// <summary>The server reads its own appsettings.json wherever it is started from.</summary>
public sealed class ContentRootTests
{
    [Fact]
    public async Task Started_from_another_folder_the_server_takes_its_own_folder_as_content_root()
    {
        var elsewhere = Directory.CreateTempSubdirectory("parley-elsewhere-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = elsewhere.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment =
                {
                    ["PARLEY_DATA_DIR"] = Path.Combine(elsewhere.FullName, "data"),
                    ["PARLEY_API_KEY"] = "pk_test_contentroot_0123456789abcdef0123456789",
                    ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                },
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Parley.Server.dll"));
            using var server = Process.Start(start)!;
            var contentRoot = string.Empty;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    if (line.Trim().StartsWith("Content root path:", StringComparison.Ordinal))
                    {
                        contentRoot = line.Trim()["Content root path:".Length..].Trim();
                        break;
                    }
                }
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }

            Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(contentRoot));
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }
}
