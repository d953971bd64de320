namespace Parley.Server.Messages;

/// <summary>Where a file's content is downloaded from this server, as the request reached it.</summary>
internal sealed record FileLinks(string BaseUrl)
{
    public static FileLinks For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new($"{request.Scheme}://{request.Host}{request.PathBase}{Api.ApiPipeline.Prefix}");
    }

    public string ContentOf(string fileId) => $"{BaseUrl}/files/{Uri.EscapeDataString(fileId)}/content";
}
