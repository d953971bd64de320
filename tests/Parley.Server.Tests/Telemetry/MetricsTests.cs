using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Telemetry;

/// <summary><c>GET /metrics</c>: the server's own per-turn timings in the Prometheus text format.</summary>
[Collection(ServerCollection.Name)]
public sealed partial class MetricsTests(ServerFixture server, ITestOutputHelper output)
{
    private static readonly string[] Stages =
    [
        "parley_turn_endpoint_to_stt_final",
        "parley_turn_stt_final_to_first_text",
        "parley_turn_first_text_to_first_audio",
        "parley_turn_first_audio_to_first_frame",
        "parley_turn_endpoint_to_first_frame",
    ];

    [Fact]
    public async Task A_spoken_turn_shows_in_the_turn_histograms()
    {
        await using (var client = await VoiceTestClient.ConnectAsync(server.VoiceUri()))
        {
            await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
            await client.WaitForAsync<ReadyMessage>();
            await client.StreamAsync(TestSpeech.Say("what is two plus two"));
            var silence = client.StreamAsync(TestSpeech.Silence(TimeSpan.FromSeconds(3)));
            await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.User }, what: "user transcript");
            await client.WaitForAsync<AudioMessage>();
            await silence;
            await client.SendAsync(StopMessage.Instance);
            await client.WaitForAsync<EndedMessage>();
        }

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var stage in Stages)
        {
            output.WriteLine($"{stage}: count {Value(text, stage, "count")}, sum {Value(text, stage, "sum")} ms");
            Assert.True(Value(text, stage, "count") >= 1, $"{stage} has no observations:\n{text}");
            Assert.Contains($"{Family(text, stage)}_bucket{{", text, StringComparison.Ordinal);
        }

        var total = Value(text, "parley_turn_endpoint_to_first_frame", "sum");
        Assert.InRange(total, 0.001, 10_000 * Value(text, "parley_turn_endpoint_to_first_frame", "count"));
        Assert.True(Value(text, "parley_turns", "total") >= 1, "parley_turns_total is missing");
        Assert.Contains("parley_sessions_live", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_require_key_only_the_operator_key_may_scrape()
    {
        var secured = new ConfiguredServerFixture(["--Parley:Metrics:RequireKey", "true"]);
        await secured.InitializeAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = secured.BaseAddress };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);

            var member = await secured.CreateKeyAsync("metrics-team");
            using var asMember = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            asMember.Headers.Authorization = new AuthenticationHeaderValue("Bearer", member);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(asMember)).StatusCode);

            // An admin of one teamspace is no operator: the figures are the whole server's.
            var admin = await secured.CreateKeyAsync("metrics-team", admin: true);
            using var asTeamAdmin = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            asTeamAdmin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(asTeamAdmin)).StatusCode);

            using var asAdmin = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            asAdmin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiKey);
            var response = await http.SendAsync(asAdmin);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("parley_sessions_live", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await secured.DisposeAsync();
        }
    }

    // The exporter may add a unit suffix ("_milliseconds") to the name; find the family as it was written.
    private static string Family(string text, string name)
        => Regex.Match(text, $@"^({Regex.Escape(name)}(?:_milliseconds)?)_(?:count|bucket|sum|total)\b", RegexOptions.Multiline) is { Success: true } match
            ? match.Groups[1].Value
            : name;

    private static double Value(string text, string name, string suffix)
    {
        var family = Family(text, name);
        var match = Regex.Match(text, $@"^{Regex.Escape(family)}_{suffix}(?:\{{[^}}]*\}})? ([0-9.eE+-]+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
