using System.Net;
using Parley.Server.Tests.Infrastructure;
using static Parley.Server.Tests.Knowledge.KnowledgeClient;

namespace Parley.Server.Tests.Knowledge;

/// <summary>The upload size limit (<c>Parley:Api:MaxUploadBytes</c>), on a server with a small one.</summary>
public sealed class KnowledgeUploadLimitTests(SmallUploadServerFixture server) : IClassFixture<SmallUploadServerFixture>
{
    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_413_and_one_under_it_accepted()
    {
        using var client = new KnowledgeClient(server);

        (await client.CreateAsync("big", File("big.txt", new string('a', 100_000)))).AssertError(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        (await client.CreateAsync("small", File("small.txt", new string('a', 10_000)))).AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_upload_sent_in_chunks_without_a_length_is_cut_off_at_the_limit_with_413()
    {
        using var client = new KnowledgeClient(server);
        using var form = Form([File("big.txt", new string('a', 100_000))], ("name", "streamed"));
        using var chunked = new UnknownLengthContent(await form.ReadAsByteArrayAsync(), form.Headers.ContentType!);

        (await client.CreateAsync(chunked)).AssertError(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }
}
