using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Parley.Cluster.Tests.Infrastructure;
using Parley.Testing.Telephony;

namespace Parley.Cluster.Tests;

/// <summary>A carrier's media stream may land on another node than its webhook did: the call's single-use token is shared through Redis.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PhoneStreamTests(ClusterFixture cluster)
{
    private const string AccountSid = "AC00000000000000000000000000000000";
    private const string AuthToken = "twilio-auth-token-cluster-0123456789";

    [SkippableFact]
    public async Task A_stream_token_issued_on_one_node_is_let_in_once_on_the_other()
    {
        Skip.If(cluster.Environment is null, cluster.Missing);
        await cluster.EnsureRunningAsync();
        var key = await cluster.NewKeyAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        using var api = ClusterFixture.Http(a.BaseAddress, key);
        var secret = "carrier-" + Guid.NewGuid().ToString("N");
        var number = "+1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var created = await api.PostAsJsonAsync("/v1/secrets", new { name = secret, value = AuthToken, allowed_hosts = new[] { "api.twilio.com" } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var created = await api.PostAsJsonAsync("/v1/phone-numbers", new { number, carrier = "twilio", account_id = AccountSid, credential_secret = secret, greeting = "Hello from the cluster." }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Twilio's webhook reaches node A, which issues the call's token ...
        using var twilio = new TwilioWebhookClient(a.BaseAddress, AuthToken);
        var (status, twiml) = await twilio.PostAsync("/telephony/twilio/voice", TwilioWebhookClient.VoiceForm(AccountSid, "+15550001111", number));
        Assert.Equal(HttpStatusCode.OK, status);
        var stream = XDocument.Parse(twiml).Descendants("Stream").Single();
        var token = stream.Elements("Parameter").Single(p => (string?)p.Attribute("name") == "parley_token").Attribute("value")!.Value;
        var onB = new UriBuilder(stream.Attribute("url")!.Value) { Host = b.BaseAddress.Host, Port = b.BaseAddress.Port }.Uri;

        // ... and its stream lands on node B, which lets it in and answers.
        await using (var line = await EmulatedCarrierStream.ConnectAsync(onB, "twilio", token))
        {
            await line.WaitForAsync(e => e.Kind == "media in", "the greeting from node B");
            await line.HangUpAsync();
            Assert.Empty(line.ProtocolErrors);
        }

        // The same token again: used up, on either node.
        foreach (var node in new[] { b, a })
        {
            var url = new UriBuilder(onB) { Host = node.BaseAddress.Host, Port = node.BaseAddress.Port }.Uri;
            await using var again = await EmulatedCarrierStream.ConnectAsync(url, "twilio", token);
            var closed = await again.WaitForAsync(e => e.Kind == "closed by server", "the refusal");
            Assert.StartsWith("1008", closed.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(again.Events, e => e.Kind == "media in");
        }
    }
}
