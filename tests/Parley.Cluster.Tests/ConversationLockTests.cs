using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Cluster.Tests;

/// <summary>One live session per conversation across the cluster: refused elsewhere while it lives, free once it ends or its node dies.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationLockTests(ClusterFixture cluster, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_second_session_on_a_live_conversation_is_refused_on_the_other_node_until_the_first_ends_or_its_node_dies()
    {
        Skip.If(cluster.Environment is null, cluster.Missing);
        await cluster.EnsureRunningAsync();
        var key = await cluster.NewKeyAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var conversation = await NewConversationAsync(a, key);
        var start = new { conversation_id = conversation, voice_config = new { silent_start = true } };

        await using var first = await SharedStateTests.StartedAsync(a, key, start);
        await using (var second = await SocketClient.ConnectAsync(b.BaseAddress, key))
        {
            await second.SendAsync("start", start);
            var refused = await second.WaitForAsync("started", orError: true);
            Assert.Equal("conversation_busy", SharedStateTests.Code(refused));
            Assert.Equal(SharedStateTests.WebSocketCloseStatus(1008), await second.WaitForCloseAsync());
        }

        // Ended: free at once, on the other node.
        await first.StopAsync();
        var onB = await SharedStateTests.StartedAsync(b, key, start);

        // Its node dies holding it: refused until the lease lapses, then free.
        b.Kill();
        await b.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var sinceDeath = Stopwatch.StartNew();
        var attempts = 0;
        while (true)
        {
            attempts++;
            await using var next = await SocketClient.ConnectAsync(a.BaseAddress, key);
            await next.SendAsync("start", start);
            var answer = await next.WaitForAsync("started", orError: true);
            if (answer?.GetProperty("type").GetString() == "started")
            {
                await next.StopAsync();
                break;
            }

            Assert.Equal("conversation_busy", SharedStateTests.Code(answer));
            Assert.True(sinceDeath.Elapsed < ClusterFixture.SessionLease + TimeSpan.FromSeconds(5), "the dead node's hold outlived its lease");
            await Task.Delay(250);
        }

        output.WriteLine($"Free on node-a {sinceDeath.ElapsedMilliseconds} ms after node-b was killed (lease {ClusterFixture.SessionLease.TotalSeconds} s), at try {attempts}.");
        Assert.True(attempts > 1, "the conversation was free at once, though its node died holding it");
        await onB.DisposeAsync();
        await cluster.EnsureRunningAsync();
    }

    internal static async Task<string> NewConversationAsync(ParleyNode node, string key)
    {
        using var http = ClusterFixture.Http(node.BaseAddress, key);
        using var answer = await http.PostAsJsonAsync("/v1/conversations", new { name = "cluster" });
        answer.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }
}
