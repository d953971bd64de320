using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parley.Server.Tests.VoiceConsole;

/// <summary>The History of the browser console plays what was recorded of a session, in a real Chromium against the real server.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConsoleRecordingTests(ServerFixture server, ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_history_of_a_spoken_session_plays_its_whole_call_and_each_clip_fetched_with_the_consoles_key()
    {
        var key = await server.CreateKeyAsync("console-" + Guid.NewGuid().ToString("N")[..12]);
        await using var console = await ConsolePage.OpenAsync(chromium, server.BaseAddress, output);
        await console.SignInAsync(key);

        // A spoken session: the fake microphone asks, the agent answers, the session is stopped (its recordings close).
        await console.Locator("#greet").UncheckAsync();
        await console.Locator("#mic").ClickAsync();
        await Expect(console.Locator("#transcript li[data-role=user]")).ToContainTextAsync("twelve");
        await Expect(console.Locator("#transcript li[data-role=agent]").First).ToContainTextAsync("eighty-four");
        await console.WaitForAsync("() => window.parleyConsole.playback === 'idle' && window.parleyConsole.samplesScheduled > 0", "the answer to be played out");
        var conversationId = (await console.StateAsync()).GetProperty("conversationId").GetString()!;
        await console.Locator("#stop").ClickAsync();
        await console.WaitForAsync("() => window.parleyConsole.state === 'idle'", "the session to end");
        await server.WaitForNoSessionsAsync();

        // What the API says was recorded: the page must offer all of it.
        using var api = server.Api(key);
        var message = (await api.GetAsync($"/v1/conversations/{conversationId}/messages")).AssertStatus(HttpStatusCode.OK).Body.GetProperty("data")[0];
        var voice = message.GetProperty("content")[0];
        var call = voice.GetProperty("recording");
        var clips = voice.GetProperty("audio_clips").EnumerateArray().ToList();
        Assert.Contains(clips, c => c.GetProperty("participant").GetProperty("type").GetString() == "user");
        Assert.Contains(clips, c => c.GetProperty("participant").GetProperty("type").GetString() == "agent");
        // The console holds what the microphone heard until `started`: that audio lies from the session's start on.
        Assert.All(clips, c => Assert.True(c.GetProperty("start_time_ms").GetInt64() >= 0, $"a clip starts before the session: {c}"));

        var downloads = new ConcurrentQueue<IResponse>();
        console.Page.Response += (_, response) =>
        {
            if (response.Url.Contains("/v1/files/", StringComparison.Ordinal))
            {
                downloads.Enqueue(response);
            }
        };
        await console.ShowPanelAsync("history");
        await console.Locator($"#conversation-list li[data-conversation-id='{conversationId}'] button").ClickAsync();
        var recordings = console.Locator($"#conversation-detail article[data-message-id='{message.GetProperty("id").GetString()}'] .recordings");
        await Expect(recordings.Locator(".clips li")).ToHaveCountAsync(clips.Count);
        var shown = new List<(string?, string?)>();
        foreach (var li in await recordings.Locator(".clips li").AllAsync())
        {
            shown.Add((await li.GetAttributeAsync("data-file-id"), await li.GetAttributeAsync("data-participant")));
        }

        Assert.Equal(clips.Select(c => (c.GetProperty("id").GetString(), c.GetProperty("participant").GetProperty("type").GetString())), shown);
        Assert.Empty(downloads); // nothing is fetched until asked for
        await console.ScreenshotAsync("13-history-recordings");

        // Each player loads its audio: the whole call, then every clip.
        var players = new List<(string Id, long DurationMs, ILocator Row)>
        {
            (call.GetProperty("id").GetString()!, call.GetProperty("duration_ms").GetInt64(), recordings.Locator($".recording[data-file-id='{call.GetProperty("id").GetString()}']")),
        };
        players.AddRange(clips.Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("duration_ms").GetInt64(), recordings.Locator($".clips li[data-file-id='{c.GetProperty("id").GetString()}']"))));
        foreach (var (id, durationMs, row) in players)
        {
            await row.Locator("button.play").ClickAsync();
            var audio = row.Locator("audio");
            await Expect(audio).ToBeVisibleAsync();
            var loaded = await audio.EvaluateAsync<JsonElement>(
                """
                a => new Promise((resolve, reject) => {
                  const done = () => resolve({ src: a.src, duration: a.duration });
                  if (a.readyState >= 1) return done();
                  a.addEventListener('loadedmetadata', done, { once: true });
                  a.addEventListener('error', () => reject(new Error('the audio did not load: ' + (a.error && a.error.code))), { once: true });
                })
                """).WaitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"{id}: {loaded}; duration_ms {durationMs}");
            Assert.StartsWith("blob:", loaded.GetProperty("src").GetString(), StringComparison.Ordinal);
            Assert.InRange(loaded.GetProperty("duration").GetDouble() * 1000, durationMs - 2, durationMs + 2);
            Assert.True(durationMs > 0, $"{id} is empty");
        }

        await console.ScreenshotAsync("14-history-playing");

        // Every file was fetched once, with the console's key, and came back as WAV audio.
        var fetched = downloads.ToList();
        Assert.Equal(players.Select(p => $"/v1/files/{p.Id}/content"), fetched.Select(r => new Uri(r.Url).AbsolutePath));
        foreach (var response in fetched)
        {
            Assert.Equal(200, response.Status);
            Assert.Equal("audio/wav", (await response.AllHeadersAsync())["content-type"]);
            Assert.Equal($"Bearer {key}", (await response.Request.AllHeadersAsync())["authorization"]);
        }

        // The content is not left open: without the key it is refused.
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri($"/v1/files/{call.GetProperty("id").GetString()}/content", UriKind.Relative))).StatusCode);

        // Showing the conversation again lets the audio go.
        await console.Locator($"#conversation-list li[data-conversation-id='{conversationId}'] button").ClickAsync();
        await Expect(recordings.Locator("audio:visible")).ToHaveCountAsync(0);
        console.AssertNoErrors();
    }
}
