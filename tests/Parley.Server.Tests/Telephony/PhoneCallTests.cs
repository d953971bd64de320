using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;
using Parley.Testing.Telephony;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Telephony;

/// <summary>Inbound calls through an emulated Twilio on loopback: signed webhook, media stream at real time, marks, clear.</summary>
public sealed class PhoneCallTests(PhoneServerFixture server, ITestOutputHelper output) : IClassFixture<PhoneServerFixture>
{
    private const string AuthToken = "twilio-auth-token-0123456789abcdef";

    // Four pieces of known text, so the stored cut can be checked piece by piece.
    private static readonly string[] GreetingPieces =
    [
        "Thank you for calling the Parley test line.",
        "This call may be recorded so that we can check how it went.",
        "Our agent can tell you the time and do simple sums for you.",
        "Please say what you need whenever you are ready.",
    ];

    // Heard through µ-law 8 kHz resampled to 16 kHz by a decoder that starts from the model's cepstral means, Flite's
    // "what time is it" comes out as "what are emitted" or "what time is shared" (measured offline, four onsets each);
    // this question keeps "time" at every onset ("hum you don't read the time please"). Recognition of narrowband
    // speech by the embedded 16 kHz model is a known weakness (docs/TURN-TAKING.md), not what this test is about.
    private const string Question = "can you tell me the time please";

    [Fact]
    public async Task A_whole_phone_turn_is_answered_and_the_call_is_stored()
    {
        using var api = server.Api();
        var number = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, number, AuthToken, greeting: "Hello, you are through to Parley.");
        var (url, token) = await PhoneLine.RingAsync(server.BaseAddress, AuthToken, number);

        await using var line = await EmulatedCarrierStream.ConnectAsync(url, "twilio", token);
        await line.WaitForAgentToFinishAsync();
        var greetingEnd = line.NowMs;
        await line.SayAsync([.. TestSpeech.Say(Question), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        await line.WaitForAsync(e => e.Kind == "media in" && e.AtMs > greetingEnd, "the answer's audio");
        await line.WaitForAgentToFinishAsync();
        await line.HangUpAsync();
        output.WriteLine(line.Timeline());

        Assert.Empty(line.ProtocolErrors);
        Assert.Contains(line.Events, e => e.Kind == "mark out (played)");
        Assert.DoesNotContain(line.Events, e => e.Kind == "clear in");
        var call = await WaitForCallAsync(api, c => c.GetProperty("status").GetString() == "completed");
        Assert.Equal("inbound", call.GetProperty("direction").GetString());
        var transcript = await StoredTranscriptAsync(api, call.GetProperty("conversation_id").GetString()!);
        output.WriteLine(string.Join('\n', transcript.Select(l => $"{l.Role}: {l.Text}")));
        Assert.Equal(("agent", "Hello, you are through to Parley."), transcript[0]);
        // The words are not checked one by one: see Question. The answer shows the question was understood.
        Assert.Equal("user", transcript[1].Role);
        Assert.Contains("time", transcript[1].Text, StringComparison.Ordinal);
        Assert.Equal("agent", transcript[2].Role);
        Assert.StartsWith("It's ", transcript[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_barge_in_clears_the_line_while_the_caller_is_still_speaking_and_the_stored_text_ends_at_the_last_mark_played()
    {
        using var api = server.Api();
        var number = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, number, AuthToken, greeting: string.Join(' ', GreetingPieces));
        var (url, token) = await PhoneLine.RingAsync(server.BaseAddress, AuthToken, number);

        await using var line = await EmulatedCarrierStream.ConnectAsync(url, "twilio", token);
        var firstPlayed = await line.WaitForAsync(e => e.Kind == "mark out (played)", "the first piece played");
        await Task.Delay(400); // Into the second piece.
        await line.SayAsync([.. TestSpeech.Say("wait what time is it"), .. TestSpeech.Silence(TimeSpan.FromSeconds(1))]);
        var onset = line.SpeechOnsetMs ?? throw new InvalidOperationException("no onset");
        var clear = await line.WaitForAsync(e => e.Kind == "clear in" && e.AtMs > onset, "clear");
        await line.WaitForAgentToFinishAsync();
        await line.HangUpAsync();
        output.WriteLine(line.Timeline());
        output.WriteLine($"speech onset {onset:F0} ms, clear {clear.AtMs:F0} ms: {clear.AtMs - onset:F0} ms");
        output.WriteLine($"the carrier held at most {line.Audio.Max(a => a.AheadMs):F0} ms unplayed as agent audio arrived; the clear dropped {line.Clears[0].DroppedMs:F0} ms");

        Assert.Empty(line.ProtocolErrors);
        // Cleared on the caller's speech, not once their turn was over; how fast is a figure for the bench (a 250 ms bound
        // measured on the wall clock failed at 288 ms with the whole suite sharing two cores).
        var speechEnd = line.SpeechEndMs ?? throw new InvalidOperationException("no end of speech");
        Assert.True(clear.AtMs < speechEnd, $"the line was cleared {clear.AtMs - onset:F0} ms after the speech began, after it ended ({speechEnd - onset:F0} ms)");

        // The greeting's marks the line played before the clear (marks sent back by the clear itself were not played).
        var played = line.Events.Where(e => e.Kind == "mark out (played)" && e.AtMs < clear.AtMs).Select(e => e.Detail).Distinct().Count();
        Assert.InRange(played, 1, GreetingPieces.Length - 1);
        var call = await WaitForCallAsync(api, c => c.GetProperty("status").GetString() == "completed");
        var transcript = await StoredTranscriptAsync(api, call.GetProperty("conversation_id").GetString()!);
        output.WriteLine(string.Join('\n', transcript.Select(l => $"{l.Role}: {l.Text}")));
        Assert.Equal(("agent", string.Join(' ', GreetingPieces.Take(played))), transcript[0]);
        Assert.Equal("user", transcript[1].Role);
    }

    [Fact]
    public async Task A_forged_signature_is_refused_and_starts_nothing()
    {
        using var api = server.Api();
        var number = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, number, AuthToken);
        var form = TwilioWebhookClient.VoiceForm(PhoneLine.AccountSid, "+15550001111", number);
        using var twilio = new TwilioWebhookClient(server.BaseAddress, AuthToken);

        var wrongToken = TwilioWebhookClient.Sign("not-the-auth-token", new Uri(server.BaseAddress, "/telephony/twilio/voice").AbsoluteUri, form);
        var (forged, _) = await twilio.PostAsync("/telephony/twilio/voice", form, wrongToken);
        var otherUrl = TwilioWebhookClient.Sign(AuthToken, "https://elsewhere.example/telephony/twilio/voice", form);
        var (replayed, _) = await twilio.PostAsync("/telephony/twilio/voice", form, otherUrl);
        var (unsigned, _) = await twilio.PostAsync("/telephony/twilio/voice", form, string.Empty);
        var tampered = new Dictionary<string, string>(form) { ["From"] = "+15559999999" };
        var (changed, _) = await twilio.PostAsync("/telephony/twilio/voice", tampered, TwilioWebhookClient.Sign(AuthToken, new Uri(server.BaseAddress, "/telephony/twilio/voice").AbsoluteUri, form));

        Assert.Equal(HttpStatusCode.Forbidden, forged);
        Assert.Equal(HttpStatusCode.Forbidden, replayed);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned);
        Assert.Equal(HttpStatusCode.Forbidden, changed);
        var calls = (await api.GetAsync("/v1/calls?limit=100")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data").EnumerateArray();
        Assert.DoesNotContain(calls, c => c.GetProperty("to").GetString() == number);
    }

    [Fact]
    public async Task An_unknown_number_is_refused_politely_and_a_stream_without_a_valid_token_is_closed()
    {
        using var twilio = new TwilioWebhookClient(server.BaseAddress, AuthToken);
        var (status, twiml) = await twilio.PostAsync("/telephony/twilio/voice", TwilioWebhookClient.VoiceForm(PhoneLine.AccountSid, "+15550001111", PhoneLine.NewNumber()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<Say>Sorry, this number is not in service. Goodbye.</Say>", twiml, StringComparison.Ordinal);
        Assert.Contains("<Hangup", twiml, StringComparison.Ordinal);

        var streamUrl = new Uri($"ws://{server.BaseAddress.Authority}/telephony/twilio/stream");
        await using var line = await EmulatedCarrierStream.ConnectAsync(streamUrl, "twilio", "st_made_up");
        await line.WaitClosedAsync();
        Assert.Equal(1008, int.Parse(line.Events.Single(e => e.Kind == "closed by server").Detail.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Keys_pressed_reach_the_agent_as_one_text_turn()
    {
        using var api = server.Api();
        var number = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, number, AuthToken, greeting: "Hello.");
        var (url, token) = await PhoneLine.RingAsync(server.BaseAddress, AuthToken, number);

        await using var line = await EmulatedCarrierStream.ConnectAsync(url, "twilio", token);
        await line.WaitForAgentToFinishAsync();
        var before = line.NowMs;
        foreach (var key in "42#")
        {
            await line.PressAsync(key);
        }

        await line.WaitForAsync(e => e.Kind == "media in" && e.AtMs > before, "an answer to the keys");
        await line.WaitForAgentToFinishAsync();
        await line.HangUpAsync();

        Assert.Empty(line.ProtocolErrors);
        var call = await WaitForCallAsync(api, c => c.GetProperty("status").GetString() == "completed");
        var transcript = await StoredTranscriptAsync(api, call.GetProperty("conversation_id").GetString()!);
        Assert.Contains(("user", "The caller pressed 42# on the keypad."), transcript);
    }

    [Fact]
    public async Task A_call_to_a_number_not_recorded_is_answered_and_stores_no_conversation()
    {
        using var api = server.Api();
        var number = PhoneLine.NewNumber();
        await PhoneLine.CreateNumberAsync(api, number, AuthToken, greeting: "Hello, this call is not recorded.", recording: false);
        var newestBefore = await NewestConversationAsync(api);
        var (url, token) = await PhoneLine.RingAsync(server.BaseAddress, AuthToken, number);

        await using var line = await EmulatedCarrierStream.ConnectAsync(url, "twilio", token);
        await line.WaitForAgentToFinishAsync();
        await line.HangUpAsync();

        Assert.Empty(line.ProtocolErrors);
        Assert.Contains(line.Events, e => e.Kind == "mark out (played)");
        var call = await WaitForCallAsync(api, c => c.GetProperty("status").GetString() == "completed");
        Assert.Equal(number, call.GetProperty("to").GetString());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("conversation_id").ValueKind);
        Assert.Equal(newestBefore, await NewestConversationAsync(api));
    }

    private async Task<JsonElement> WaitForCallAsync(ApiClient api, Func<JsonElement, bool> predicate)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var newest = (await api.GetAsync("/v1/calls?limit=1")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data")[0];
            if (predicate(newest))
            {
                output.WriteLine($"call: {newest}");
                return newest;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The call did not reach the state expected.");
    }

    /// <summary>The id of the conversation touched last (a new one would be it), or null for none.</summary>
    private static async Task<string?> NewestConversationAsync(ApiClient api)
    {
        var data = (await api.GetAsync("/v1/conversations?limit=1")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data");
        return data.GetArrayLength() == 0 ? null : data[0].GetProperty("id").GetString();
    }

    private static async Task<List<(string Role, string Text)>> StoredTranscriptAsync(ApiClient api, string conversationId)
    {
        var messages = (await api.GetAsync($"/v1/conversations/{conversationId}/messages")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data");
        var voice = messages.EnumerateArray().Single().GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "voice");
        return [.. voice.GetProperty("timeline_events").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "transcript")
            .Select(e => (e.GetProperty("role").GetString()!, e.GetProperty("text").GetString()!))];
    }
}
