using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;

namespace Parley.Server.Converse;

/// <summary>Writes server-sent events as the <c>datagrid-ai</c> SDK reads them: <c>event: name</c> and one line of JSON <c>data</c>.</summary>
/// <remarks>Each event is flushed as written, so a client sees the answer as it is made; the socket's own flow control is the bound.</remarks>
internal sealed class ConverseStream(HttpResponse response)
{
    /// <summary>Starts the stream: status 200 and the event-stream headers, unbuffered.</summary>
    public async Task OpenAsync()
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // a proxy in front must not hold the events back either
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.Body.FlushAsync(response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes one event; a null <paramref name="name"/> writes a bare <c>data</c> event, which the SDK yields as the object itself.</summary>
    public async Task WriteAsync<T>(string? name, T data, JsonTypeInfo<T> typeInfo)
    {
        var text = new StringBuilder();
        if (name is not null)
        {
            text.Append("event: ").Append(name).Append('\n');
        }

        // Serialized JSON holds no raw line breaks, so one data line carries it whole.
        text.Append("data: ").Append(JsonSerializer.Serialize(data, typeInfo)).Append("\n\n");
        await response.WriteAsync(text.ToString(), response.HttpContext.RequestAborted).ConfigureAwait(false);
        await response.Body.FlushAsync(response.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
