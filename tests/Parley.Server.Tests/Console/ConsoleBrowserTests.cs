using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.Server.Tests.VoiceConsole;

/// <summary>The browser console in a real Chromium against the real server: a fake microphone speaks, the page must hear the answer.</summary>
/// <remarks>Each test signs in with a key of its own teamspace, so history and lists hold only what the test made.</remarks>
[Collection(ServerCollection.Name)]
public sealed class ConsoleBrowserTests(ServerFixture server, ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_spoken_question_is_answered_and_played_then_interrupted_stopped_found_in_history_and_continued()
    {
        var key = await NewKeyAsync();
        await using var console = await ConsolePage.OpenAsync(chromium, server.BaseAddress, output);
        await console.SignInAsync(key);
        await console.ScreenshotAsync("01-signed-in");

        // Talk: the fake microphone says "what is twelve times seven" 0.3 s after it is opened.
        await console.Locator("#greet").UncheckAsync();
        await console.Locator("#mic").ClickAsync();
        await Expect(console.Locator("#status")).ToHaveTextAsync("Listening…");
        await Expect(console.Locator("#mic")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(console.Locator("#level-db")).ToContainTextAsync("dBFS");
        await console.ScreenshotAsync("02-listening");

        // What the server heard, with how loud the microphone was meanwhile (Flite's rms voice peaks near -16 dBFS).
        var heardLine = console.Locator("#transcript li[data-role=user]");
        await Expect(heardLine).ToContainTextAsync("twelve");
        await Expect(heardLine.Locator(".who")).ToHaveTextAsync("Server heard");
        await Expect(heardLine.Locator(".turn-level")).ToHaveTextAsync(new Regex("^microphone: loudest -[0-9]+ dBFS$"));
        await Expect(console.Locator("#transcript li[data-role=agent]").First).ToContainTextAsync("eighty-four");
        await Expect(console.Locator("#tool-calls li[data-tool=calculator][data-status=completed]")).ToHaveCountAsync(1);
        // Played out: idle with everything scheduled played, and still so a second later (on a busy machine the
        // answer's audio can arrive with gaps, and the player goes idle in each).
        const string playedOut = "() => window.parleyConsole.playback === 'idle' && window.parleyConsole.samplesScheduled >= 36000 "
            + "&& window.parleyConsole.samplesPlayed === window.parleyConsole.samplesScheduled";
        await console.WaitForAsync(playedOut, "the answer to be played out");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await console.WaitForAsync(playedOut, "the answer to be played out");
        await console.ScreenshotAsync("03-transcript-and-answer");

        var afterAnswer = await console.StateAsync();
        output.WriteLine($"after the answer: {afterAnswer}");
        Assert.Equal([8192], afterAnswer.GetProperty("sentChunkBytes").EnumerateArray().Select(b => b.GetInt32()));
        Assert.True(afterAnswer.GetProperty("chunksSent").GetInt32() >= 10, "the microphone sent too few chunks");
        var scheduled = afterAnswer.GetProperty("samplesScheduled").GetInt64();
        Assert.InRange(scheduled / 24000.0, 0.8, 8); // "Twelve times seven is eighty-four." at 24 kHz
        Assert.Equal(scheduled, afterAnswer.GetProperty("samplesPlayed").GetInt64());
        Assert.True(afterAnswer.GetProperty("peakLevel").GetDouble() > 0.01, "the level meter never moved while the microphone spoke");
        var turn = afterAnswer.GetProperty("heard")[0];
        Assert.Contains("twelve times seven", turn.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.InRange(turn.GetProperty("loudestDb").GetInt32(), -30, -6);
        Assert.Equal(JsonValueKind.Null, turn.GetProperty("problem").ValueKind);
        // The capture the console asks for, as the browser applied it.
        var applied = afterAnswer.GetProperty("capture").GetProperty("applied");
        Assert.True(applied.GetProperty("echoCancellation").GetBoolean(), $"echo cancellation is off: {applied}");
        Assert.False(applied.GetProperty("autoGainControl").GetBoolean(), $"gain control is on: {applied}");
        Assert.False(applied.GetProperty("noiseSuppression").GetBoolean(), $"noise suppression is on: {applied}");
        var conversationId = afterAnswer.GetProperty("conversationId").GetString()!;

        // Interrupt a long answer while it plays: playback stops at once, the server confirms.
        await console.Locator("#text-input").FillAsync("help");
        await console.Locator("#text-send").ClickAsync();
        await console.WaitForAsync("() => document.body.dataset.playback === 'playing'", "the help answer to play");
        await Expect(console.Locator("#status")).ToHaveTextAsync("Agent speaking…");
        await console.Locator("#interrupt").ClickAsync();
        await console.WaitForAsync("() => window.parleyConsole.interruptions >= 1 && window.parleyConsole.playback === 'idle'", "the interruption");
        await Expect(console.Locator("#transcript li[data-role=agent][data-interrupted=true]")).ToHaveCountAsync(1);
        await Expect(console.Locator("#status")).ToHaveTextAsync("Listening…");
        var afterInterrupt = await console.StateAsync();
        Assert.True(afterInterrupt.GetProperty("samplesFlushed").GetInt64() > 0, $"nothing was cut from the playback: {afterInterrupt}");
        await console.ScreenshotAsync("04-interrupted");

        // Stop: the session ends and the microphone is released.
        await console.Locator("#stop").ClickAsync();
        await console.WaitForAsync("() => window.parleyConsole.state === 'idle'", "the session to end");
        await Expect(console.Locator("#mic")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(console.Locator("#alert")).ToBeHiddenAsync();

        // History: the conversation and its voice message, from the REST API.
        await console.ShowPanelAsync("history");
        var item = console.Locator($"#conversation-list li[data-conversation-id='{conversationId}']");
        await item.Locator("button").ClickAsync();
        var detail = console.Locator("#conversation-detail");
        await Expect(detail.Locator("li[data-role=user]").First).ToContainTextAsync("twelve");
        await Expect(detail.Locator("li[data-role=agent]").First).ToContainTextAsync("eighty-four");
        await console.ScreenshotAsync("05-history");

        // Continue it: the next session is in the same conversation.
        await console.Locator("#history-continue").ClickAsync();
        await Expect(console.Locator("#continuing-id")).ToHaveTextAsync(conversationId);
        await console.Locator("#mic").ClickAsync();
        await Expect(console.Locator("#status")).ToHaveTextAsync("Listening…");
        Assert.Equal(conversationId, (await console.StateAsync()).GetProperty("conversationId").GetString());
        await console.Locator("#stop").ClickAsync();
        await console.WaitForAsync("() => window.parleyConsole.state === 'idle'", "the second session to end");

        console.AssertNoErrors();
        await server.WaitForNoSessionsAsync();
    }

    [Fact]
    public async Task What_is_said_right_after_the_press_is_heard_even_when_the_session_starts_late()
    {
        var key = await NewKeyAsync();
        await using var console = await ConsolePage.OpenAsync(chromium, server.BaseAddress, output);
        await console.SignInAsync(key);
        // A slow network: the session link comes 2 s after the press; the question began 0.3 s after it.
        await console.Page.RouteAsync("**/v1/voice", async route =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await route.ContinueAsync();
        });
        await console.Locator("#greet").UncheckAsync();
        await console.Locator("#mic").ClickAsync();

        await Expect(console.Locator("#transcript li[data-role=user] .text")).ToContainTextAsync("what is twelve");
        await Expect(console.Locator("#transcript li[data-role=agent]").First).ToContainTextAsync("eighty-four");
        var state = await console.StateAsync();
        output.WriteLine($"held until started: {state.GetProperty("chunksBuffered")} chunks; microphone open {state.GetProperty("micOpenMs")} ms after the press");
        Assert.True(state.GetProperty("chunksBuffered").GetInt32() >= 4, $"too little was held until the session started: {state}");

        await console.Locator("#stop").ClickAsync();
        await console.WaitForAsync("() => window.parleyConsole.state === 'idle'", "the session to end");
        console.AssertNoErrors();
        await server.WaitForNoSessionsAsync();
    }

    [Fact]
    public async Task A_microphone_that_gives_no_sound_is_pointed_out()
        => await WithMicrophoneAsync(new short[16000 * 8], async console =>
        {
            await Expect(console.Locator("#mic-hint")).ToContainTextAsync("No sound is coming from the microphone");
            await Expect(console.Locator("#level-db")).ToHaveTextAsync("-90 dBFS");
            await console.ScreenshotAsync("11-microphone-silent");
        });

    [Fact]
    public async Task A_microphone_too_quiet_to_be_heard_well_is_pointed_out()
    {
        // The question 34 dB down: its loudest 50 ms near -50 dBFS. Whether the server makes out a turn or not, the page says so.
        var quiet = TestSpeech.Say(FakeMicrophone.Question).Select(s => (short)(s / 50)).ToArray();
        await WithMicrophoneAsync([.. TestSpeech.Silence(FakeMicrophone.LeadIn), .. quiet, .. TestSpeech.Silence(TimeSpan.FromSeconds(8))], async console =>
        {
            await Expect(console.Locator("#mic-hint")).ToContainTextAsync("Your microphone is very quiet");
            var heard = (await console.StateAsync()).GetProperty("heard");
            output.WriteLine($"heard from the quiet microphone: {heard}");
            foreach (var turn in heard.EnumerateArray())
            {
                Assert.Equal("quiet", turn.GetProperty("problem").GetString());
            }

            await console.ScreenshotAsync("12-microphone-quiet");
        });
    }

    /// <summary>Talks in a browser of its own whose microphone plays <paramref name="clip"/>, checks the page with <paramref name="check"/>, stops.</summary>
    private async Task WithMicrophoneAsync(short[] clip, Func<ConsolePage, Task> check)
    {
        var key = await NewKeyAsync();
        var microphone = FakeMicrophone.Write(clip);
        var browser = await chromium.LaunchAsync(microphone);
        try
        {
            await using var console = await ConsolePage.OpenAsync(browser, server.BaseAddress, output);
            await console.SignInAsync(key);
            await console.Locator("#greet").UncheckAsync();
            await console.Locator("#mic").ClickAsync();
            await check(console);
            await console.Locator("#stop").ClickAsync();
            await console.WaitForAsync("() => window.parleyConsole.state === 'idle'", "the session to end");
            console.AssertNoErrors();
        }
        finally
        {
            await browser.CloseAsync();
            File.Delete(microphone);
        }

        await server.WaitForNoSessionsAsync();
    }

    [Fact]
    public async Task A_bad_key_is_refused_with_a_message_saying_what_to_do()
    {
        // The browser itself logs the refused request; that one error is the point of this test.
        await using var console = await ConsolePage.OpenAsync(chromium, server.BaseAddress, output, error => error.Contains("status of 401", StringComparison.Ordinal));
        await console.Locator("#api-key").FillAsync("pk_not_a_real_key");
        await console.Locator("#signin-form button[type=submit]").ClickAsync();
        await Expect(console.Locator("#alert-text")).ToContainTextAsync("API key was not accepted");
        await Expect(console.Locator("#signin-panel")).ToBeVisibleAsync();
        await Expect(console.Locator("#talk-panel")).ToBeHiddenAsync();
        Assert.Null(await console.Page.EvaluateAsync<string?>("() => localStorage.getItem('parley.apiKey')"));
        await console.ScreenshotAsync("00-bad-key");
        console.AssertNoErrors();
    }

    [Fact]
    public async Task The_agent_panel_creates_an_agent_with_prompts_tools_and_turn_taking()
    {
        var key = await NewKeyAsync();
        await using var console = await ConsolePage.OpenAsync(chromium, server.BaseAddress, output);
        await console.SignInAsync(key);
        await console.ShowPanelAsync("agents");
        await Expect(console.Locator("#agent-tools input[value=calculator]")).ToBeVisibleAsync();

        await console.Locator("#agent-name").FillAsync("Arithmetic tutor");
        await console.Locator("#agent-system-prompt").FillAsync("You help children practise sums.");
        foreach (var box in await console.Locator("#agent-tools input[type=checkbox]").AllAsync())
        {
            await box.SetCheckedAsync(await box.GetAttributeAsync("value") == "calculator");
        }

        await console.Locator("#tt-endpoint").FillAsync("500");
        await console.Locator("#tt-idle-prompt").FillAsync("Take your time.");
        await console.Locator("#agent-save").ClickAsync();
        await Expect(console.Locator("#agent-saved")).ToHaveTextAsync("Saved Arithmetic tutor.");
        await Expect(console.Locator("#tt-endpoint")).ToHaveValueAsync("500"); // shown again from the saved agent
        await Expect(console.Locator("#agent-list li", "Arithmetic tutor")).ToHaveCountAsync(1);
        await Expect(console.Locator("#agent-picker option", "Arithmetic tutor")).ToHaveCountAsync(1);
        await console.ScreenshotAsync("06-agent-panel");

        using var api = server.Api(key);
        var agents = (await api.GetAsync("/v1/agents")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data").EnumerateArray();
        var created = agents.Single(a => a.GetProperty("name").GetString() == "Arithmetic tutor");
        Assert.Equal("You help children practise sums.", created.GetProperty("system_prompt").GetString());
        Assert.Equal(["calculator"], created.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var turnTaking = created.GetProperty("turn_taking");
        Assert.Equal(500, turnTaking.GetProperty("endpoint_silence_ms").GetInt32());
        Assert.Equal("Take your time.", turnTaking.GetProperty("idle_prompt").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, turnTaking.GetProperty("barge_in_min_words").ValueKind);
        console.AssertNoErrors();
    }

    [Fact]
    public async Task The_knowledge_panel_uploads_a_text_file_and_shows_it_become_ready()
    {
        var key = await NewKeyAsync();
        await using var console = await ConsolePage.OpenAsync(chromium, server.BaseAddress, output);
        await console.SignInAsync(key);
        await console.ShowPanelAsync("knowledge");
        await console.Locator("#knowledge-name").FillAsync("Office facts");
        await console.Locator("#knowledge-files").SetInputFilesAsync(new FilePayload
        {
            Name = "office.txt",
            MimeType = "text/plain",
            Buffer = "The office wifi password is blue giraffe. The kitchen closes at six."u8.ToArray(),
        });
        await console.Locator("#knowledge-upload").ClickAsync();

        var item = console.Locator("#knowledge-list li", "Office facts");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToHaveAttributeAsync("data-status", "ready");
        await Expect(item.Locator(".status")).ToHaveTextAsync("ready");
        await console.ScreenshotAsync("07-knowledge-ready");

        // The agent form offers it.
        await console.ShowPanelAsync("agents");
        await Expect(console.Locator("#agent-knowledge")).ToContainTextAsync("Office facts (ready)");
        console.AssertNoErrors();
    }

    [Fact]
    public async Task A_lost_connection_a_refused_microphone_and_an_unreachable_server_are_explained()
    {
        var key = await NewKeyAsync();
        // Aborted requests are logged by the browser itself; they are what this test provokes.
        await using var console = await ConsolePage.OpenAsync(chromium, server.BaseAddress, output, error => error.Contains("net::ERR_FAILED", StringComparison.Ordinal));
        await console.SignInAsync(key);

        // A stand-in voice server that takes its time to start the session: the page sends nothing but `start` until
        // `started`, holding what the microphone captured meanwhile, then sends it all at once.
        IWebSocketRoute? socket = null;
        var sent = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await console.Page.RouteWebSocketAsync(new Regex("/ws/voice"), route =>
        {
            socket = route;
            route.OnMessage(frame => sent.Enqueue(frame.Text ?? string.Empty));
        });
        await console.Locator("#mic").ClickAsync();
        await console.WaitForAsync("() => window.parleyConsole.state === 'live'", "the socket to open");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(["start"], sent.Select(FrameType));
        socket!.Send("""{"type":"started","payload":{"session_id":"s-1","conversation_id":"c-1","message_id":"m-1"}}""");
        socket.Send("""{"type":"ready"}""");
        await Expect(console.Locator("#status")).ToHaveTextAsync("Listening…");
        var held = (await console.StateAsync()).GetProperty("chunksBuffered").GetInt32();
        Assert.InRange(held, 4, 16); // 1.5 s and more of 256 ms chunks, at most the ~4 s the page keeps
        for (var waited = 0; sent.Count(f => FrameType(f) == "audio") < held && waited < 40; waited++)
        {
            await Task.Delay(50);
        }

        Assert.True(sent.Count(f => FrameType(f) == "audio") >= held, $"the {held} chunks held until started were not sent: {string.Join(", ", sent.Select(FrameType))}");

        // The connection drops mid-session: the stand-in goes away.
        await socket.CloseAsync(new WebSocketRouteCloseOptions { Code = 1001, Reason = "going away" });
        await Expect(console.Locator("#alert-text")).ToContainTextAsync("The connection to the server was lost. Check that Parley is still running");
        await Expect(console.Locator("#mic")).ToHaveAttributeAsync("aria-pressed", "false");
        await console.ScreenshotAsync("08-connection-lost");

        // The person says no to the microphone prompt.
        await console.Page.EvaluateAsync("() => { navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')); }");
        await console.Locator("#mic").ClickAsync();
        await Expect(console.Locator("#alert-text")).ToContainTextAsync("Microphone access was refused. Allow the microphone for this page");
        await Expect(console.Locator("#status")).ToHaveTextAsync("Press the microphone to talk");
        await Expect(console.Locator("#mic")).ToHaveAttributeAsync("aria-pressed", "false");
        await console.ScreenshotAsync("09-microphone-refused");

        // The server goes away.
        await console.Page.RouteAsync("**/v1/**", route => route.AbortAsync());
        await console.ShowPanelAsync("history");
        await Expect(console.Locator("#alert-text")).ToContainTextAsync("Cannot reach the Parley server");
        await console.ScreenshotAsync("10-server-unreachable");
        console.AssertNoErrors();
    }

    private static string FrameType(string frame)
    {
        using var parsed = JsonDocument.Parse(frame);
        return parsed.RootElement.GetProperty("type").GetString() ?? string.Empty;
    }

    private async Task<string> NewKeyAsync() => await server.CreateKeyAsync("console-" + Guid.NewGuid().ToString("N")[..12]);
}
