using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Parley.Server.Api;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Fuzz;

/// <summary>Each request the REST fuzz found a bug with, kept as a case of its own (see <see cref="RestFuzzTests"/>).</summary>
[Collection(ServerCollection.Name)]
public sealed class RestFuzzRegressionTests(ServerFixture server)
{
    [Fact]
    public async Task An_unknown_tool_with_a_long_name_is_refused_with_a_message_of_bounded_length()
    {
        // Found by the fuzz: "Unknown tool '<the whole name>'" came back with all 10,000 characters of it.
        using var api = server.Api();
        var answer = await api.PostAsync("/v1/agents", $$"""{"name": "x", "tools": ["{{new string('a', 10_000)}}"]}""");
        answer.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var message = answer.String("message");
        Assert.InRange(message.Length, 1, ApiError.MaxMessageChars);
        Assert.StartsWith("Unknown tool 'aaaa", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_without_quoting_it()
    {
        using var api = server.Api();
        var answer = await api.PostAsync("/v1/agents", "tname" + new string('x', 50_000));
        answer.AssertError(HttpStatusCode.BadRequest, "bad_request");
        Assert.Equal("The request body is not valid JSON (line 1, byte 2).", answer.String("message"));
    }

    [Theory]
    [InlineData("/v1/knowledge", ")not a multipart body at all")]
    [InlineData("/v1/files", ")not a multipart body at all")]
    [InlineData("/v1/knowledge", "--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nsome words")]
    [InlineData("/v1/files", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nsome words")]
    public async Task A_multipart_upload_whose_body_never_holds_or_never_closes_its_boundary_is_a_bad_request(string route, string body)
    {
        // Found by the fuzz: "multipart/form-data; boundary=x" over bytes without "--x" answered 500 from /v1/knowledge,
        // and a body that ends before its closing boundary (seed 12, input 5040) answered 500 from /v1/files.
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiKey);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");

        using var response = await http.PostAsync(new Uri(route, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"bad_request\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
