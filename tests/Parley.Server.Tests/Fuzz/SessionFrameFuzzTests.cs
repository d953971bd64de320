using System.Net.WebSockets;
using CsCheck;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Fuzz;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Fuzz;

/// <summary>
/// Real sessions on a real loopback server (real engines, the embedded agent) fed generated, mutated and random
/// frames (issue 12, "suites that stay"). For every socket: each frame the server sends reads as the contract says,
/// nothing but <c>error</c> comes before <c>started</c>, nothing at all after <c>ended</c>, a session that started
/// ends with <c>ended</c>, no <c>internal_error</c> and no close 1011 for anything a client sends; afterwards no
/// session is left and the managed heap holds little more than before. About 5,000 frames per CI run.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class SessionFrameFuzzTests(FuzzServerFixture server, ITestOutputHelper output)
{
    /// <summary>What the heap may keep after the run: caches and pooled buffers of a bounded size, never a session's.</summary>
    private const long MaxHeapGrowthBytes = 48L * 1024 * 1024;

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sessions_fed_generated_and_mutated_frames_answer_by_the_contract_and_end_cleanly()
    {
        var key = await server.KeyAsync($"fuzz-sessions-{Guid.NewGuid():N}");
        await RunAsync(new SessionScript([new ScriptFrame(SessionScript.SilentStart, Binary: false)]), key); // warm: engines and pools
        await server.WaitForNoSessionsAsync();
        var heapBefore = FuzzServerFixture.LiveHeapBytes();
        var (sessions, frames, started) = (0, 0, 0);
        var closes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        await FuzzRun.SampleAsync(
            SessionScript.Gen,
            async script =>
            {
                var (sent, close, didStart) = await RunAsync(script, key);
                Interlocked.Increment(ref sessions);
                Interlocked.Add(ref frames, sent);
                if (didStart)
                {
                    Interlocked.Increment(ref started);
                }

                closes.AddOrUpdate(close, 1, (_, n) => n + 1);
            },
            FuzzBudget.Inputs(200),
            nameof(SessionFrameFuzzTests),
            threads: 4,
            shrinkInputs: 50);

        await server.WaitForNoSessionsAsync(TimeSpan.FromSeconds(30));
        var growth = FuzzServerFixture.LiveHeapBytes() - heapBefore;
        output.WriteLine($"seed {FuzzBudget.Seed}: {sessions} sessions ({started} started), {frames} frames sent; closes: {string.Join(", ", closes.Select(c => $"{c.Key}×{c.Value}"))}; managed heap {growth / 1024.0 / 1024:+0.0;-0.0} MiB");
        Assert.True(growth <= MaxHeapGrowthBytes, $"The managed heap grew by {growth:N0} bytes over the run.");
    }

    /// <summary>Plays the script on a socket of its own, stops, and checks what came back; returns the frames sent and the close.</summary>
    private async Task<(int Sent, string Close, bool Started)> RunAsync(SessionScript script, string key)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri(key));
        var sent = 0;
        try
        {
            foreach (var frame in script.Frames)
            {
                await client.SendRawAsync(frame.Bytes, frame.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text);
                sent++;
            }

            await client.SendRawAsync(SessionScriptStop);
            sent++;
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or ObjectDisposedException)
        {
            // The server closed the socket (a stop in the script, a refused start, a limit): the rest is not sent.
        }

        var close = await client.WaitForCloseAsync(CloseTimeout);
        var messages = client.All.Select(f => f.Message).ToList();
        var what = $"{script}\n→ {string.Join(", ", messages.Select(m => m is ErrorMessage e ? $"error {e.Payload.Code}" : m.Type))}, close {close}";
        var started = messages.FindIndex(m => m is StartedMessage);
        var ended = messages.FindIndex(m => m is EndedMessage);
        Assert.True(close is WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.PolicyViolation, $"Closed with {close}: {what}");
        Assert.DoesNotContain(messages, m => m is ErrorMessage { Payload.Code: ErrorCodes.InternalError });
        Assert.True(messages.Take(started < 0 ? messages.Count : started).All(m => m is ErrorMessage), $"Something but an error before started: {what}");
        Assert.True(messages.FindIndex(m => m is ReadyMessage) is var ready && (ready < 0 || ready > started), $"ready before started: {what}");
        Assert.True(started < 0 || ended == messages.Count - 1, $"A session that started did not end with ended last: {what}");
        Assert.True(started >= 0 || ended < 0, $"ended without started: {what}");
        return (sent, close?.ToString() ?? "none", started >= 0);
    }

    private static readonly byte[] SessionScriptStop = System.Text.Encoding.UTF8.GetBytes(VoiceFrameFuzz.Frame("stop", null));
}
