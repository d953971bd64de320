using System.Net;
using System.Net.Http.Headers;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A body whose length is not told up front, so it is sent chunked and only reading it can find it too large.</summary>
public sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[] _bytes;

    public UnknownLengthContent(byte[] bytes, MediaTypeHeaderValue contentType)
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
