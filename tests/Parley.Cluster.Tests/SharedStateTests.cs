using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Parley.Cluster.Tests.Infrastructure;

namespace Parley.Cluster.Tests;

/// <summary>What one node grants or counts holds on the other: handoff tokens, rate-limit windows, failed sign-ins, session slots.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SharedStateTests(ClusterFixture cluster)
{
    [SkippableFact]
    public async Task A_handoff_url_issued_through_one_node_is_redeemed_through_the_other_once_and_expires_on_time()
    {
        Skip.If(cluster.Environment is null, cluster.Missing);
        await cluster.EnsureRunningAsync();
        var key = await cluster.NewKeyAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        var url = await HandoffAsync(a, key);
        await using (var onB = await SocketClient.ConnectHandoffAsync(b.BaseAddress, url))
        {
            await onB.SendAsync("start", new { voice_config = new { silent_start = true } });
            Assert.Equal("started", (await onB.WaitForAsync("started", orError: true))?.GetProperty("type").GetString());

            // The same URL again, on the node that issued it: used up everywhere.
            await using var again = await SocketClient.ConnectHandoffAsync(a.BaseAddress, url);
            Assert.Equal("unauthorized", Code(await again.WaitForAsync("error")));
            Assert.Equal(WebSocketCloseStatus(1008), await again.WaitForCloseAsync());
            await onB.StopAsync();
        }

        // Issued on B, presented on A after its lifetime: expired there too.
        var late = await HandoffAsync(b, key);
        await Task.Delay(ClusterFixture.HandoffLifetime + TimeSpan.FromSeconds(1));
        await using var expired = await SocketClient.ConnectHandoffAsync(a.BaseAddress, late);
        Assert.Equal("unauthorized", Code(await expired.WaitForAsync("error")));
    }

    [SkippableFact]
    public async Task A_keys_rate_limit_window_counts_requests_on_both_nodes()
    {
        Skip.If(cluster.Environment is null, cluster.Missing);
        await cluster.EnsureRunningAsync();
        var key = await cluster.NewKeyAsync();
        using var a = ClusterFixture.Http(cluster.Nodes[0].BaseAddress, key);
        using var b = ClusterFixture.Http(cluster.Nodes[1].BaseAddress, key);

        var remaining = new List<int>();
        for (var i = 0; i < ClusterFixture.RequestsPerWindow; i++)
        {
            using var answer = await (i % 2 == 0 ? a : b).GetAsync(new Uri("/v1/agents", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            remaining.Add(int.Parse(answer.Headers.GetValues("X-RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture));
        }

        // One window: each answer, whichever node gave it, counts down from the other's.
        Assert.Equal(Enumerable.Range(0, ClusterFixture.RequestsPerWindow).Reverse(), remaining);
        foreach (var node in new[] { a, b })
        {
            using var refused = await node.GetAsync(new Uri("/v1/agents", UriKind.Relative));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal($"{ClusterFixture.RequestsPerWindow}", refused.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal("0", refused.Headers.GetValues("X-RateLimit-Remaining").Single());
            Assert.NotEmpty(refused.Headers.GetValues("X-RateLimit-Reset").Single());
            Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("rate_limit_exceeded", body.RootElement.GetProperty("error").GetString());
        }
    }

    [SkippableFact]
    public async Task Failed_sign_ins_spread_over_both_nodes_count_once_against_the_address()
    {
        Skip.If(cluster.Environment is null, cluster.Missing);
        await cluster.EnsureRunningAsync();
        var key = await cluster.NewKeyAsync();

        // From an address of its own on loopback, so the refusal holds back no other test.
        var address = IPAddress.Parse($"127.0.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(2, 250)}");
        using var fromA = From(address, cluster.Nodes[0].BaseAddress);
        using var fromB = From(address, cluster.Nodes[1].BaseAddress);
        for (var i = 0; i < ClusterFixture.FailedSignInLimit; i++)
        {
            using var wrong = await Get(i % 2 == 0 ? fromA : fromB, "pk_wrong_" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var refusedOnA = await Get(fromA, key);
        using var refusedOnB = await Get(fromB, key);
        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (refusedOnA.StatusCode, refusedOnB.StatusCode));
        using var otherAddress = ClusterFixture.Http(cluster.Nodes[1].BaseAddress, key);
        Assert.Equal(HttpStatusCode.OK, (await otherAddress.GetAsync(new Uri("/v1/agents", UriKind.Relative))).StatusCode);

        static Task<HttpResponseMessage> Get(HttpClient http, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/agents");
            request.Headers.Authorization = new("Bearer", key);
            return http.SendAsync(request);
        }
    }

    [SkippableFact]
    public async Task A_keys_session_cap_holds_across_both_nodes()
    {
        Skip.If(cluster.Environment is null, cluster.Missing);
        await cluster.EnsureRunningAsync();
        var key = await cluster.NewKeyAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        await using var first = await StartedAsync(a, key);
        await using var second = await StartedAsync(b, key);
        await using (var third = await SocketClient.ConnectAsync(a.BaseAddress, key))
        {
            Assert.Equal("too_many_sessions", Code(await third.WaitForAsync("error")));
            Assert.Equal(WebSocketCloseStatus(1008), await third.WaitForCloseAsync());
        }

        await first.StopAsync();
        await using var fourth = await StartedAsync(b, key);
        await second.StopAsync();
        await fourth.StopAsync();
    }

    [SkippableFact]
    public async Task A_key_revoked_through_one_node_ends_its_session_on_the_other_at_once()
    {
        Skip.If(cluster.Environment is null, cluster.Missing);
        await cluster.EnsureRunningAsync();
        var (key, id, teamspace) = await cluster.NewKeyWithIdAsync();
        await using var onB = await StartedAsync(cluster.Nodes[1], key);
        using var operatorOnA = ClusterFixture.Http(cluster.Nodes[0].BaseAddress, ClusterFixture.OperatorKey);

        var revokedAt = System.Diagnostics.Stopwatch.StartNew();
        using var revoked = await operatorOnA.DeleteAsync(new Uri($"/v1/keys/{id}?teamspace_id={teamspace}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        // Well inside Parley:Api:RevokedKeyCheckInterval (30 s): node B heard of it over Redis.
        Assert.Equal("unauthorized", Code(await onB.WaitForAsync("error", timeout: TimeSpan.FromSeconds(10))));
        Assert.Equal(WebSocketCloseStatus(1008), await onB.WaitForCloseAsync(TimeSpan.FromSeconds(10)));
        Assert.True(revokedAt.Elapsed < TimeSpan.FromSeconds(10), $"ended {revokedAt.Elapsed.TotalSeconds:F1} s after the revocation");
    }

    internal static async Task<SocketClient> StartedAsync(ParleyNode node, string key, object? start = null)
    {
        var client = await SocketClient.ConnectAsync(node.BaseAddress, key);
        await client.SendAsync("start", start ?? new { voice_config = new { silent_start = true } });
        var answer = await client.WaitForAsync("started", orError: true);
        Assert.True(answer?.GetProperty("type").GetString() == "started", $"not started on {node.Name}: {answer}");
        return client;
    }

    internal static string? Code(JsonElement? error) => error?.GetProperty("payload").GetProperty("code").GetString();

    internal static System.Net.WebSockets.WebSocketCloseStatus WebSocketCloseStatus(int code) => (System.Net.WebSockets.WebSocketCloseStatus)code;

    private static async Task<string> HandoffAsync(ParleyNode node, string key)
    {
        using var http = ClusterFixture.Http(node.BaseAddress, key);
        using var answer = await http.PostAsJsonAsync("/v1/voice", new { });
        answer.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("url").GetString()!;
    }

    // Connections that leave from a loopback address of the test's choosing.
    private static HttpClient From(IPAddress address, Uri baseAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = baseAddress };
}
