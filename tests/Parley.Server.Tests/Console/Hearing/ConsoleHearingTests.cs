using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>
/// What the server hears through the console in Chromium against what it hears from the same clip streamed straight
/// over <c>/ws/voice</c>: the page path may be no worse, in word errors or in unanswered questions.
/// </summary>
/// <remarks>
/// Each path and voice is a lane with a server of its own holding a single PocketSphinx decoder, warmed alike, so the
/// lanes differ only in the path and the four can run at once. Every recognition stream starts from the model's
/// cepstral means, so what a lane hears depends on the audio alone, including where its analysis frames fall: the
/// page's capture starts at a different point each run, and each run's direct stream has every question where the
/// page's capture had it. Alone after the parallel collections (<see cref="HearingCollection"/>). Every test run runs
/// the subset (<c>PARLEY_CONSOLE_HEARING</c> unset or <c>ci</c>); <c>full</c> runs the whole set, <c>off</c> none;
/// <c>PARLEY_CONSOLE_HEARING_CONSTRAINTS</c> (a JSON object, e.g. <c>{"autoGainControl":true}</c>) overrides the
/// page's capture constraints, <c>PARLEY_CONSOLE_HEARING_PATH=worklet</c> forces the AudioWorklet path, and
/// <c>PARLEY_CONSOLE_HEARING_CONTEXT_RATE</c> the AudioContext's rate, to measure a setting; the report goes to
/// <c>artifacts/console-hearing/</c>.
/// </remarks>
[Collection(HearingCollection.Name)]
public sealed class ConsoleHearingTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    public const string ConstraintsVariable = "PARLEY_CONSOLE_HEARING_CONSTRAINTS";

    /// <summary>A sample rate (e.g. <c>16000</c>, <c>48000</c>) the page's AudioContext is made with instead of the browser's choice, to measure one.</summary>
    public const string ContextRateVariable = "PARLEY_CONSOLE_HEARING_CONTEXT_RATE";

    /// <summary><c>worklet</c> makes the page capture through its AudioWorklet even where it could read the track, to measure that path.</summary>
    public const string PathVariable = "PARLEY_CONSOLE_HEARING_PATH";

    /// <summary>Silence before the first question: the person talks half a second after pressing, before the session is ready.</summary>
    private static readonly TimeSpan LeadIn = TimeSpan.FromSeconds(0.5);

    /// <summary>Silence after each question: the agent's longest answer here ("In Tokyo, it's ...", ~3 s) ends within it.</summary>
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(5);

    /// <summary>How long past the clip's end a lane waits for the last answers before it stops the session.</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>What each lane's server hears first, straight over the socket (not part of the set).</summary>
    private static readonly string[] WarmUp = ["good afternoon", "what is two plus two"];

    private static readonly string[] OneDecoder = ["--Parley:Engines:PocketSphinx:MinDecoders", "1", "--Parley:Engines:PocketSphinx:MaxDecoders", "1"];

    // A gate since the page reads the microphone track itself and each direct stream puts every question where the
    // page's capture had it: the two paths then heard the same words in every run measured (README, console section).
    [SkippableFact]
    public async Task The_page_hears_the_questions_as_well_as_a_direct_stream_does()
    {
        var plan = HearingPlan.FromEnvironment();
        Skip.If(plan is null, $"{HearingPlan.Variable}=off");
        var constraints = Environment.GetEnvironmentVariable(ConstraintsVariable) is { Length: > 0 } given ? given : null;
        var contextRate = Environment.GetEnvironmentVariable(ContextRateVariable) is { Length: > 0 } rate ? int.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var worklet = Environment.GetEnvironmentVariable(PathVariable) switch
        {
            null or "" or "auto" => false,
            "worklet" => true,
            var other => throw new InvalidOperationException($"{PathVariable}={other}: use 'worklet' or leave it unset."),
        };
        var clock = Stopwatch.StartNew();

        var lanes = plan.Voices.SelectMany(voice =>
        {
            // The direct stream of each run is sent where that run's page capture started (see PageLaneAsync).
            var alignments = Enumerable.Range(0, plan.Runs).Select(_ => new TaskCompletionSource<CaptureAlignment?>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            return new[] { PageLaneAsync(plan, voice, HearingPageScript.For(constraints, contextRate, worklet), alignments), DirectLaneAsync(plan, voice, alignments) };
        });
        var runs = (await Task.WhenAll(lanes)).SelectMany(lane => lane).ToList();

        var setting = (constraints ?? "the console's own") + (contextRate is { } r ? $"; AudioContext at {r} Hz" : string.Empty) + (worklet ? "; the worklet path forced" : string.Empty);
        var report = HearingReport.Format(plan, setting, runs, clock.Elapsed);
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(ArtifactsFolder.Get("console-hearing"), $"{plan.Name}.txt"), report);

        foreach (var voice in plan.Voices)
        {
            var page = HearingReport.Total(runs, voice, "page");
            var direct = HearingReport.Total(runs, voice, "direct");
            // A session that never ended stops its lane early; fewer runs must not pass for fewer errors.
            foreach (var path in new[] { "page", "direct" })
            {
                var ended = runs.Count(r => r.Voice == voice && r.Path == path && r.Ended);
                Assert.True(ended == plan.Runs, $"In {voice} the {path} path completed {ended} of {plan.Runs} runs (a session did not end after stop).\n{report}");
            }

            // Not vacuous: a server that hears nothing would make both paths equally bad.
            Assert.True(direct.WordErrors * 5 <= direct.Words && direct.Unanswered * 5 <= direct.Questions, $"The direct stream itself heard {voice} badly ({direct}); the comparison says nothing.\n{report}");
            Assert.True(page.WordErrors <= direct.WordErrors, $"In {voice} the page heard {page.WordErrors} words wrong, the direct stream {direct.WordErrors}.\n{report}");
            Assert.True(page.Unanswered <= direct.Unanswered, $"In {voice} the page left {page.Unanswered} questions unanswered, the direct stream {direct.Unanswered}.\n{report}");
        }
    }

    private static short[] Clip(IEnumerable<string> sentences, string voice) => Spoken(sentences, voice).Samples;

    /// <summary>The clip of <paramref name="sentences"/>, each question's own samples, and where each starts in the clip.</summary>
    private static (short[] Samples, List<short[]> Questions, List<int> Positions) Spoken(IEnumerable<string> sentences, string voice)
    {
        var samples = new List<short>(TestSpeech.Silence(LeadIn));
        var questions = new List<short[]>();
        var positions = new List<int>();
        foreach (var sentence in sentences)
        {
            var question = TestSpeech.Voiced(TestSpeech.Say(sentence, voice));
            questions.Add(question);
            positions.Add(samples.Count);
            samples.AddRange(question);
            samples.AddRange(TestSpeech.Silence(Gap));
        }

        return ([.. samples], questions, positions);
    }

    /// <summary>
    /// A lane's server: one decoder, first given the same two sentences in the lane's voice straight over the socket,
    /// so both lanes of a voice start from the same decoder state (and the server's code is warm).
    /// </summary>
    private static async Task<ServerFixture> StartServerAsync(string voice)
    {
        var server = new ConfiguredServerFixture(OneDecoder);
        await server.InitializeAsync();
        await using (var client = await VoiceTestClient.ConnectAsync(server.VoiceUri()))
        {
            await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
            await client.WaitForAsync<ReadyMessage>();
            await client.StreamAsync(Clip(WarmUp, voice));
            await client.SendAsync(StopMessage.Instance);
            await client.WaitForAsync<EndedMessage>(Patience);
        }

        await server.WaitForNoSessionsAsync(Patience);
        return server;
    }

    /// <summary>
    /// The page's runs; each question is then found in what the page sent (<see cref="CaptureAlignment"/>) and the
    /// places handed to the direct lane through <paramref name="alignments"/>, so that run's direct stream has each
    /// question exactly where the page's capture had it. PocketSphinx can hear a word differently when its 10 ms frames
    /// fall a few milliseconds elsewhere; compared at the same places, what remains between the two paths is what the
    /// page's path did to the audio itself.
    /// </summary>
    private async Task<List<HearingRun>> PageLaneAsync(HearingPlan plan, string voice, string? initScript, TaskCompletionSource<CaptureAlignment?>[] alignments)
    {
        var (clip, questions, positions) = Spoken(plan.Questions.Select(q => q.Text), voice);
        var microphone = FakeMicrophone.Write(clip);
        var starting = StartServerAsync(voice);
        var launching = chromium.LaunchAsync(microphone);
        ServerFixture? server = null;
        IBrowser? browser = null;
        try
        {
            server = await starting;
            browser = await launching;
            var runs = new List<HearingRun>();
            for (var run = 1; run <= plan.Runs; run++)
            {
                await using var console = await ConsolePage.OpenAsync(browser, server.BaseAddress, output, initScript: initScript);
                await console.SignInAsync(ServerFixture.ApiKey);
                await console.Locator("#greet").UncheckAsync();
                var pressed = new Stopwatch();
                var timeline = new System.Collections.Concurrent.ConcurrentQueue<string>();
                var sent = new SentAudio();
                console.Page.WebSocket += (_, socket) =>
                {
                    socket.FrameReceived += (_, frame) => timeline.Enqueue(TimelineEntry(pressed.Elapsed, frame.Text));
                    socket.FrameSent += (_, frame) => sent.Add(frame.Text);
                };
                pressed.Start();
                await console.Locator("#mic").ClickAsync(); // the fake microphone starts its file when the page opens it
                await Task.Delay(Duration(clip));
                var lines = async () => (
                    (IReadOnlyList<string>)await console.Locator("#transcript li[data-role=user] .text").AllTextContentsAsync(),
                    (IReadOnlyList<string>)await console.Locator("#transcript li[data-role=agent] .text").AllTextContentsAsync());
                var (heard, replies) = await SettleAsync(plan, lines);
                await console.Locator("#stop").ClickAsync();
                var live = pressed.Elapsed;
                var ended = await EndsAsync(console);
                (heard, replies) = await lines();
                var capture = CaptureOf(await console.StateAsync(), live) + (ended ? string.Empty : $"; the session had not ended {Patience.TotalSeconds:F0} s after stop");
                // What the page sent, as the server received it: where it sits in the clip, and how faithful it is.
                var captured = sent.Samples();
                WavFile.Write(Path.Combine(ArtifactsFolder.Get("console-hearing"), $"{plan.Name}-{voice}-page-{run}.wav"), captured, 16000);
                var alignment = CaptureAlignment.Find(questions, positions, captured);
                alignments[run - 1].TrySetResult(alignment);
                capture += alignment is null ? "; not every question was found in what the page sent" : $"; sent {alignment}";
                runs.Add(new HearingRun("page", voice, run, heard, replies, HearingScore.Of(plan.Questions, heard, replies), capture, string.Join(" ", timeline.Where(e => e.Length > 0)), ended));
                if (!ended)
                {
                    break; // the report says what was heard; the comparison fails on it
                }

                console.AssertNoErrors();
            }

            if (runs.All(r => r.Ended))
            {
                await server.WaitForNoSessionsAsync(Patience); // otherwise closing the browser (below) ends it
            }

            return runs;
        }
        finally
        {
            foreach (var alignment in alignments)
            {
                alignment.TrySetResult(null); // runs that never happened: the direct lane stops there too
            }

            await Task.WhenAll(starting, launching).ContinueWith(static _ => { }, TaskScheduler.Default); // both are owned here, whatever failed
            if (launching.IsCompletedSuccessfully)
            {
                await launching.Result.CloseAsync(); // its sockets close, so the server's sessions end
            }

            if (starting.IsCompletedSuccessfully)
            {
                await DisposeWhenIdleAsync(starting.Result);
            }

            File.Delete(microphone);
        }
    }

    private static async Task<List<HearingRun>> DirectLaneAsync(HearingPlan plan, string voice, TaskCompletionSource<CaptureAlignment?>[] alignments)
    {
        var questions = Spoken(plan.Questions.Select(q => q.Text), voice).Questions;
        var server = await StartServerAsync(voice);
        try
        {
            var runs = new List<HearingRun>();
            for (var run = 1; run <= plan.Runs; run++)
            {
                if (await alignments[run - 1].Task is not { } alignment)
                {
                    break; // the page's run did not happen or sent no speech: nothing to compare this run with
                }

                var clip = alignment.DirectStream(questions);
                await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
                await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
                await client.WaitForAsync<ReadyMessage>();
                var streamed = client.Now;
                await client.StreamAsync(clip);
                // As the page does: wait out the clip's own time from the start (streaming ends when its last chunk is due).
                var rest = streamed + Duration(clip) - client.Now;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest);
                }

                var lines = () => Task.FromResult(Transcripts(client));
                await SettleAsync(plan, lines);
                await client.SendAsync(StopMessage.Instance);
                var ended = await EndsAsync(client);
                var (heard, replies) = Transcripts(client);
                var outcome = "each question where the page's capture had it" + (ended ? string.Empty : $"; the session had not ended {Patience.TotalSeconds:F0} s after stop");
                runs.Add(new HearingRun("direct", voice, run, heard, replies, HearingScore.Of(plan.Questions, heard, replies), outcome, Timeline(client, streamed), ended));
                if (!ended)
                {
                    break; // the report says what was heard; the comparison fails on it
                }
            }

            if (runs.All(r => r.Ended))
            {
                await server.WaitForNoSessionsAsync(Patience); // otherwise the client's socket closing (above) ends it
            }

            return runs;
        }
        finally
        {
            await DisposeWhenIdleAsync(server);
        }
    }

    /// <summary>
    /// Disposes a lane's server once its sessions have ended. Disposed under a live session, a server has crashed the
    /// whole test process in ONNX Runtime (a session still running the VAD, on a machine too starved to end it within
    /// the host's shutdown timeout); a server left running after a failed test is the lesser harm.
    /// </summary>
    private static async Task DisposeWhenIdleAsync(ServerFixture server)
    {
        var waited = Stopwatch.StartNew();
        while (server.LiveSessions > 0 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        if (server.LiveSessions == 0)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Whether the page's session ended (after stop) within <see cref="Patience"/>.</summary>
    private static async Task<bool> EndsAsync(ConsolePage console)
    {
        try
        {
            await console.Page.WaitForFunctionAsync("() => window.parleyConsole.state === 'idle'", null, new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds, PollingInterval = 100 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Whether the direct session answered stop with <c>ended</c> within <see cref="Patience"/>.</summary>
    private static async Task<bool> EndsAsync(VoiceTestClient client)
    {
        try
        {
            await client.WaitForAsync<EndedMessage>(Patience);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The clip's length and a second more: the last answer is due by then on a machine that keeps up.</summary>
    private static TimeSpan Duration(short[] clip) => TimeSpan.FromSeconds((clip.Length / 16000.0) + 1);

    /// <summary>Waits until every question is heard and answered, or <see cref="Lateness"/> more, so a slow server is not cut off mid-turn.</summary>
    private static async Task<(IReadOnlyList<string> Heard, IReadOnlyList<string> Replies)> SettleAsync(
        HearingPlan plan, Func<Task<(IReadOnlyList<string> Heard, IReadOnlyList<string> Replies)>> lines)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (heard, replies) = await lines();
            var score = HearingScore.Of(plan.Questions, heard, replies);
            if ((heard.Count >= plan.Questions.Count && score.Unanswered + score.LostReplies == 0) || deadline.Elapsed >= Lateness)
            {
                return (heard, replies);
            }

            await Task.Delay(200);
        }
    }

    private static string Timeline(VoiceTestClient client, TimeSpan start)
        => string.Join(" ", client.All.Select(f => TimelineEntry(f.At - start, f.Json)).Where(e => e.Length > 0));

    /// <summary>A server frame worth reading in a timeline (a transcript, a tool starting, an interruption), or nothing.</summary>
    private static string TimelineEntry(TimeSpan at, string? json)
    {
        if (json is null || json.StartsWith("{\"type\":\"audio\"", StringComparison.Ordinal)) // the server writes the type first
        {
            return string.Empty;
        }

        var entry = Parley.Protocol.Serialization.VoiceMessageCodec.Deserialize(System.Text.Encoding.UTF8.GetBytes(json)) switch
        {
            TranscriptMessage t => $"{t.Payload.Role}'{t.Payload.Text}'",
            ToolCallMessage { Payload.Status: ToolCallStatuses.Started } t => $"tool({t.Payload.ToolName})",
            InterruptedMessage => "interrupted",
            ErrorMessage e => $"error({e.Payload.Code}: {e.Payload.Message})",
            _ => null,
        };
        return entry is null ? string.Empty : $"{at.TotalSeconds:F1}:{entry}";
    }

    private static (IReadOnlyList<string> Heard, IReadOnlyList<string> Replies) Transcripts(VoiceTestClient client)
    {
        var transcripts = client.All.Select(f => f.Message).OfType<TranscriptMessage>().Select(t => t.Payload).ToList();
        return ([.. transcripts.Where(t => t.Role == Roles.User).Select(t => t.Text)], [.. transcripts.Where(t => t.Role == Roles.Agent).Select(t => t.Text)]);
    }

    private static string CaptureOf(JsonElement state, TimeSpan live)
    {
        // Audio sent against time live tells a starved browser (its fake microphone falls behind) from a deaf page.
        var sent = $"{state.GetProperty("chunksSent").GetInt32() * 4096 / 16000.0:F1} s of audio sent in {live.TotalSeconds:F1} s live";
        if (!state.TryGetProperty("capture", out var capture) || capture.ValueKind != JsonValueKind.Object)
        {
            return $"{sent}; capture settings not reported by this page";
        }

        var applied = capture.GetProperty("applied");
        string Setting(string name) => applied.TryGetProperty(name, out var value) ? value.ToString() : "?";
        return $"applied echoCancellation={Setting("echoCancellation")} noiseSuppression={Setting("noiseSuppression")} autoGainControl={Setting("autoGainControl")}, "
            + $"{(capture.TryGetProperty("path", out var path) ? path.GetString() : "?")} path, track {Setting("sampleRate")} Hz, context {capture.GetProperty("contextRate")} Hz, microphone open {state.GetProperty("micOpenMs")} ms after the press, "
            + $"{state.GetProperty("chunksBuffered")} chunks held until started, {sent}";
    }
}
