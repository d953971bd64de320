using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CsCheck;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Fuzz;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Fuzz;

/// <summary>
/// Every operation of the OpenAPI document of a real loopback server, called with bodies generated from its schemas
/// (valid, mutated, random), odd queries, headers and ids (issue 12, "suites that stay"): no answer is a 5xx, every
/// error has the documented shape and a bounded message, and the server's managed heap holds no more after the run
/// than a little over what it held before. 12,000 requests per CI run (<see cref="FuzzBudget"/>).
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class RestFuzzTests(FuzzServerFixture server, ITestOutputHelper output)
{
    /// <summary>The longest error message an answer may carry: errors name what was wrong, they do not repeat the body.</summary>
    private const int MaxErrorMessageChars = 1024;

    /// <summary>What the heap may keep after the run: rows and caches of a bounded size, never what the bodies held.</summary>
    private const long MaxHeapGrowthBytes = 48L * 1024 * 1024;

    private const int MaxPooledIds = 50;

    [Fact]
    public async Task Every_operation_answers_generated_and_mutated_requests_without_a_server_error()
    {
        // Header values go out as UTF-8 bytes, so the server meets them as a client could send them.
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var operations = OpenApiOperation.Read(document.RootElement);
        Assert.True(operations.Count >= 25, $"The document lists {operations.Count} operations.");
        var world = await TeamspaceWorld.CreateAsync(server, "fuzz");
        var pools = new ConcurrentDictionary<string, List<string>>
        {
            ["agents"] = [world.AgentId], ["conversations"] = [world.ConversationId], ["messages"] = [world.MessageId],
            ["knowledge"] = [world.KnowledgeId], ["secrets"] = [world.SecretId], ["keys"] = [world.User.Id], ["tools"] = ["calculator", "knowledge_search"],
        };

        var gen = RestRequestGen.For(operations, new OpenApiBodies(document.RootElement));
        var statuses = new ConcurrentDictionary<int, int>();
        var inputs = FuzzBudget.Inputs(12_000);
        await SendAsync(http, FuzzRun.Example(gen), world, pools, statuses); // warm: the first call of each kind fills caches
        statuses.Clear();
        var heapBefore = FuzzServerFixture.LiveHeapBytes();

        await FuzzRun.SampleAsync(gen, request => SendAsync(http, request, world, pools, statuses), inputs, nameof(RestFuzzTests), threads: 4, shrinkInputs: 500);

        await WaitForIngestionAsync(world);
        var growth = FuzzServerFixture.LiveHeapBytes() - heapBefore;
        output.WriteLine($"seed {FuzzBudget.Seed}: {inputs} requests over {operations.Count} operations; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; managed heap {growth / 1024.0 / 1024:+0.0;-0.0} MiB");
        Assert.Equal(inputs, statuses.Values.Sum());
        Assert.True(growth <= MaxHeapGrowthBytes, $"The managed heap grew by {growth:N0} bytes over the run.");
    }

    private static async Task SendAsync(HttpClient http, RestRequest request, TeamspaceWorld world, ConcurrentDictionary<string, List<string>> pools, ConcurrentDictionary<int, int> statuses)
    {
        using var message = request.ToMessage((collection, pick) => Pick(pools, collection, pick), world.Admin.Raw, world.User.Raw, "Bearer");
        var target = message.RequestUri;
        using var response = await http.SendAsync(message);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        Assert.True(status < 500, $"{status} for {request} (sent as {target}): {RestRequest.Shorten(body)}");
        if (status >= 400 && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            using var error = JsonDocument.Parse(body);
            var root = error.RootElement;
            Assert.Equal(status, root.GetProperty("status_code").GetInt32());
            Assert.Equal(JsonValueKind.String, root.GetProperty("error").ValueKind);
            Assert.Contains(root.GetProperty("retryable").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            var text = root.GetProperty("message").GetString()!;
            Assert.True(text.Length <= MaxErrorMessageChars, $"A {text.Length}-character error for {request}: {RestRequest.Shorten(text)}");
        }

        if (status == (int)HttpStatusCode.Created && body.StartsWith('{'))
        {
            Remember(pools, request.Operation.Path, body);
        }
    }

    /// <summary>Ids a creation answered with join the pool of their collection, so later calls aim at them.</summary>
    private static void Remember(ConcurrentDictionary<string, List<string>> pools, string path, string body)
    {
        using var created = JsonDocument.Parse(body);
        if (created.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            var pool = pools.GetOrAdd(path.Split('/')[^1], _ => []);
            lock (pool)
            {
                if (pool.Count >= MaxPooledIds)
                {
                    pool.RemoveAt(0);
                }

                pool.Add(id.GetString()!);
            }
        }
    }

    private static string Pick(ConcurrentDictionary<string, List<string>> pools, string collection, int pick)
    {
        var pool = pools.GetOrAdd(collection, _ => []);
        lock (pool)
        {
            return pool.Count == 0 ? "none" : pool[pick % pool.Count];
        }
    }

    /// <summary>Uploads are read in the background: the heap is measured once that work is done.</summary>
    private async Task WaitForIngestionAsync(TeamspaceWorld world)
    {
        using var api = server.Api(world.Admin.Raw);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var list = (await api.GetAsync("/v1/knowledge?limit=100")).AssertStatus(HttpStatusCode.OK).Body;
            if (!list.GetProperty("data").EnumerateArray().Any(k => k.GetProperty("status").GetString() is "pending" or "partial"))
            {
                return;
            }

            await Task.Delay(100);
        }
    }
}
