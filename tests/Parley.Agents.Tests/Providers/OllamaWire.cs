using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Parley.Agents.Tests.Providers;

/// <summary>The server's side of Ollama's native <c>/api/chat</c> streaming: one JSON object per line, the last with <c>done: true</c>.</summary>
internal static class OllamaWire
{
    public const string Path = "/api/chat";

    public const string Model = "llama3.2";

    /// <summary>Streams <paramref name="pieces"/> as a whole answer, then the closing line with its timings.</summary>
    public static async Task AnswerAsync(HttpContext context, params string[] pieces)
    {
        await BeginAsync(context);
        foreach (var piece in pieces)
        {
            await LineAsync(context, new { model = Model, created_at = "2026-03-14T13:45:00Z", message = new { role = "assistant", content = piece }, done = false });
        }

        await DoneAsync(context, "stop");
    }

    /// <summary>Streams one call of <paramref name="name"/>, as Ollama does: whole, in one line, arguments as an object.</summary>
    public static async Task ToolCallAsync(HttpContext context, string name, object arguments)
    {
        await BeginAsync(context);
        await LineAsync(context, new
        {
            model = Model,
            created_at = "2026-03-14T13:45:00Z",
            message = new { role = "assistant", content = "", tool_calls = new[] { new { function = new { name, arguments } } } },
            done = false,
        });
        await DoneAsync(context, "stop");
    }

    private static async Task BeginAsync(HttpContext context)
    {
        context.Response.ContentType = "application/x-ndjson";
        await context.Response.StartAsync();
    }

    private static Task DoneAsync(HttpContext context, string reason) => LineAsync(context, new
    {
        model = Model,
        created_at = "2026-03-14T13:45:01Z",
        message = new { role = "assistant", content = "" },
        done = true,
        done_reason = reason,
        total_duration = 1_000_000,
        load_duration = 100_000,
        prompt_eval_count = 12,
        prompt_eval_duration = 200_000,
        eval_count = 8,
        eval_duration = 300_000,
    });

    private static async Task LineAsync(HttpContext context, object line)
    {
        await context.Response.WriteAsync(JsonSerializer.Serialize(line) + "\n");
        await context.Response.Body.FlushAsync();
    }
}
