using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Parley.Agents.Tests.Providers;

/// <summary>The server's side of OpenAI chat completions streaming: <c>data: {chunk}</c> events, then <c>data: [DONE]</c>.</summary>
internal static class ChatCompletionsWire
{
    public const string Path = "/v1/chat/completions";

    public const string Model = "test-model";

    /// <summary>Sends the headers of an event stream at once, as OpenAI does before the first token.</summary>
    public static async Task BeginAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync();
        await context.Response.Body.FlushAsync();
    }

    /// <summary>Sends one chunk holding <paramref name="delta"/>.</summary>
    public static Task ChunkAsync(HttpContext context, object delta, string? finishReason = null) =>
        EventAsync(context, JsonSerializer.Serialize(new
        {
            id = "chatcmpl-1",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = Model,
            system_fingerprint = "fp_test",
            choices = new[] { new { index = 0, delta, logprobs = (object?)null, finish_reason = finishReason } },
        }));

    /// <summary>Sends a text delta.</summary>
    public static Task TextAsync(HttpContext context, string text) => ChunkAsync(context, new { content = text });

    /// <summary>Ends the stream.</summary>
    public static Task DoneAsync(HttpContext context) => EventAsync(context, "[DONE]");

    /// <summary>Streams <paramref name="pieces"/> as a whole answer: role, the pieces, the finish reason, [DONE].</summary>
    public static async Task AnswerAsync(HttpContext context, params string[] pieces)
    {
        await BeginAsync(context);
        await ChunkAsync(context, new { role = "assistant", content = "" });
        foreach (var piece in pieces)
        {
            await TextAsync(context, piece);
        }

        await ChunkAsync(context, new { }, "stop");
        await DoneAsync(context);
    }

    /// <summary>Answers with an error status and OpenAI's error body.</summary>
    public static async Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message, type = "server_error", param = (string?)null, code = (string?)null } }));
    }

    private static async Task EventAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n");
        await context.Response.Body.FlushAsync();
    }
}
