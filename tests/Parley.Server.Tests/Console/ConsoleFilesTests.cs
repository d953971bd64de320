using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.VoiceConsole;

/// <summary>The console's files are served at <c>/</c> without a key, and the rest of the server is as before.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConsoleFilesTests(ServerFixture server)
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/capture-worklet.js", "text/javascript")]
    [InlineData("/console.css", "text/css")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_console_is_served_without_the_api_key(string path, string contentType)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_is_the_console_and_the_api_docs_and_health_still_answer()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Contains("<title>Parley voice console</title>", await http.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/v1/agents", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/docs/index.html", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/no-such-file.js", UriKind.Relative))).StatusCode);
    }
}
