using System.Net;
using System.Text;
using System.Text.Json;
using Parley.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Cluster.Tests;

/// <summary>Knowledge lives in PostgreSQL: uploaded through one node, searched on the other; ingested by one node, finished by the other when it dies.</summary>
[Collection(ClusterCollection.Name)]
public sealed class KnowledgeTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const string Document =
        "Project briefing.\n\nThe team meets every Tuesday in the blue room.\n\n"
        + "The launch code for project mercury is seven seven four.\n\nVisitors sign in at the front desk.";

    [SkippableFact]
    public async Task Knowledge_uploaded_through_one_node_is_searched_in_a_session_on_the_other()
    {
        Skip.If(cluster.Environment is null, cluster.Missing);
        await cluster.EnsureRunningAsync();
        var key = await cluster.NewKeyAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var id = await UploadAsync(a, key, ("briefing.txt", Document));
        Assert.Equal("ready", await WaitSettledAsync(b, key, id, TimeSpan.FromSeconds(60)));

        await using var session = await SharedStateTests.StartedAsync(b, key, new { knowledge_ids = new[] { id }, voice_config = new { silent_start = true } });
        await session.WaitForAsync("ready");
        await session.SendAsync("text", new { text = "what is the launch code for project mercury" });
        var citation = await session.WaitForAsync("citation");
        Assert.Contains("seven seven four", citation?.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(id, citation?.GetRawText(), StringComparison.Ordinal);
        var answer = await session.WaitForAsync("transcript", where: f => f.GetProperty("payload").GetProperty("role").GetString() == "agent"
            && f.GetProperty("payload").GetProperty("text").GetString()!.Contains("seven seven four", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(answer); // the answer, sentence by sentence, says the code from the document
        await session.StopAsync();
    }

    [SkippableFact]
    public async Task An_ingestion_whose_node_is_killed_is_finished_by_the_other_node()
    {
        Skip.If(cluster.Environment is null, cluster.Missing);
        await cluster.EnsureRunningAsync();
        var key = await cluster.NewKeyAsync();
        var files = Enumerable.Range(1, 3).Select(i => ($"lanterns-{i}.txt", LongText(i))).ToArray();
        var id = await UploadAsync(cluster.Nodes[0], key, files);

        // Whichever node claims the work first is killed while it holds the claim.
        var holder = await WaitForClaimAsync(id);
        var survivor = cluster.Other(holder);
        holder.Kill();
        await holder.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var killedAt = cluster.Log.Now;

        Assert.Equal("ready", await WaitSettledAsync(survivor, key, id, TimeSpan.FromSeconds(120)));
        output.WriteLine($"Ready {(cluster.Log.Now - killedAt).TotalSeconds:F1} s after {holder.Name} was killed (lease {ClusterFixture.IngestionLease.TotalSeconds} s).");

        // Every file indexed once, by the survivor; the file in hand at the kill counted two starts.
        var attempts = await cluster.ScalarAsync<long>("SELECT SUM(attempts) FROM knowledge_files WHERE knowledge_id = @id;", ("id", id));
        var chunks = await cluster.ScalarAsync<long>("SELECT COUNT(*) FROM knowledge_chunks WHERE knowledge_id = @id;", ("id", id));
        var recorded = await cluster.ScalarAsync<int>("SELECT chunk_count FROM knowledge WHERE id = @id;", ("id", id));
        output.WriteLine($"attempts {attempts} for {files.Length} files; passages {chunks} (knowledge says {recorded})");
        Assert.InRange(attempts, files.Length, files.Length + 1);
        Assert.Equal(recorded, chunks);
        Assert.Null(await cluster.ScalarAsync<string>("SELECT ingest_claim FROM knowledge WHERE id = @id;", ("id", id)));
        await cluster.Log.WaitForAsync($"Knowledge {id}: file", survivor.Name);
        await cluster.EnsureRunningAsync();
    }

    private async Task<ParleyNode> WaitForClaimAsync(string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await cluster.ScalarAsync<string>("SELECT ingest_node FROM knowledge WHERE id = @id;", ("id", id)) is { } node)
            {
                return cluster.Nodes.Single(n => n.Name == node);
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("No node claimed the ingestion.");
    }

    // About 600 KB of prose per file: some seconds of indexing, so the kill finds the work in hand.
    private static string LongText(int file)
    {
        var text = new StringBuilder();
        for (var line = 0; text.Length < 600_000; line++)
        {
            text.Append(CultureInvariant($"Lantern {line} of file {file} glows over harbour number {line % 97} while the keeper counts boats.\n"));
            if (line % 10 == 9)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static async Task<string> UploadAsync(ParleyNode node, string key, params (string Name, string Text)[] files)
    {
        using var http = ClusterFixture.Http(node.BaseAddress, key);
        using var form = new MultipartFormDataContent { { new StringContent("cluster knowledge"), "name" } };
        foreach (var (name, text) in files)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.ContentType = new("text/plain");
            form.Add(content, "files[]", name);
        }

        using var answer = await http.PostAsync(new Uri("/v1/knowledge", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string> WaitSettledAsync(ParleyNode node, string key, string id, TimeSpan timeout)
    {
        using var http = ClusterFixture.Http(node.BaseAddress, key);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var body = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/v1/knowledge/{id}", UriKind.Relative)));
            var status = body.RootElement.GetProperty("status").GetString()!;
            if (status is "ready" or "failed" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            // Slow enough to stay well inside the key's rate-limit window.
            await Task.Delay(1000);
        }
    }
}
