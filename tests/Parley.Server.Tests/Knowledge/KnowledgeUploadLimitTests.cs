using System.Net;
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

    /// <summary>A body whose length is not told up front, so it is sent chunked and only reading it can find it too large.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes, System.Net.Http.Headers.MediaTypeHeaderValue contentType)
        {
            _bytes = bytes;
            Headers.ContentType = contentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
