using System.Diagnostics;
using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;
using Parley.Testing.Speech;
using Xunit.Abstractions;

namespace Parley.Engines.Tests.SpeechToText;

/// <summary>Decoders forked from a zygote process: real speech, crashes, a dead zygote, many streams at once.</summary>
public sealed class PocketSphinxForkedRecognizerTests(ITestOutputHelper output)
{
    private const int ChunkSamples = 512;

    private static readonly string[] Questions =
    [
        "what is twelve times seven",
        "what time is it",
        "what is two plus two",
        "my name is alice",
    ];

    [Theory]
    [InlineData("KILL")]
    [InlineData("SEGV")] // a native crash: the decoder's process dies of it, not the server
    [InlineData("ABRT")]
    public async Task A_decoder_that_dies_fails_its_stream_clearly_and_the_next_stream_is_heard(string signal)
    {
        using var recognizer = Forked();
        var zygote = recognizer.Forked.ZygoteProcessId;
        using var neighbour = (PocketSphinxForkedStream)await recognizer.OpenStreamAsync();
        var stream = (PocketSphinxForkedStream)await recognizer.OpenStreamAsync();
        var question = Spoken(Questions[0]);
        stream.Push(question.AsSpan(0, question.Length / 2));
        Assert.StartsWith("what is", stream.GetPartialText());

        Signal(signal, stream.ProcessId);

        var failure = Assert.Throws<SpeechEngineException>(() =>
        {
            // The kernel may still take audio into the socket's buffer; the next answer cannot come.
            stream.Push(question.AsSpan(question.Length / 2));
            stream.Complete();
        });
        output.WriteLine(failure.Message);
        Assert.Contains($"process {stream.ProcessId}", failure.Message);
        Assert.Contains("killed or crashed", failure.Message);
        Assert.Equal("pocketsphinx", failure.Engine);
        Assert.True(failure.Retryable);
        Assert.Throws<SpeechEngineException>(() => stream.GetPartialText());
        stream.Dispose();

        // Only that stream was lost: another caller's stream goes on, and the next stream is heard.
        Assert.Equal(Questions[1], Recognise(neighbour, Spoken(Questions[1])));
        using var next = await recognizer.OpenStreamAsync();
        Assert.Equal(Questions[0], Recognise(next, question));
        Assert.Equal(zygote, recognizer.Forked.ZygoteProcessId); // A child's death is no reason for the zygote to stop.
    }

    [Fact]
    public async Task A_crashed_decoder_reaches_the_session_as_the_engines_failure()
    {
        using var recognizer = Forked();
        await using var session = await recognizer.OpenSessionAsync();
        var utterance = await session.BeginUtteranceAsync();
        var question = Spoken(Questions[2]);
        utterance.Push(question.AsSpan(0, question.Length / 2));
        var zygote = recognizer.Forked.ZygoteProcessId;
        var decoder = Assert.Single(DecoderProcesses(zygote), pid => !Sockets(pid).Overlaps(Sockets(zygote)));

        Signal("SEGV", decoder);

        var failure = await Assert.ThrowsAsync<SpeechEngineException>(() => utterance.CompleteAsync());
        output.WriteLine(failure.Message);
        Assert.True(failure.Retryable);
        await utterance.DisposeAsync();

        await using var next = await session.BeginUtteranceAsync();
        next.Push(question);
        Assert.Equal(Questions[2], await next.CompleteAsync());
    }

    [Fact]
    public async Task A_killed_zygote_is_replaced_and_the_streams_it_forked_go_on()
    {
        using var recognizer = Forked();
        var zygote = recognizer.Forked.ZygoteProcessId;
        using var before = await recognizer.OpenStreamAsync();
        var question = Spoken(Questions[1]);
        before.Push(question.AsSpan(0, question.Length / 2));

        using (var process = Process.GetProcessById(zygote))
        {
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        before.Push(question.AsSpan(question.Length / 2));
        Assert.Equal(Questions[1], before.Complete());

        using var after = await recognizer.OpenStreamAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(zygote, recognizer.Forked.ZygoteProcessId);
        Assert.Equal(Questions[1], Recognise(after, question));
    }

    [Fact]
    public async Task Many_streams_at_once_each_hear_their_own_words()
    {
        const int streams = 12;
        using var recognizer = Forked(maxDecoders: streams);
        var opened = await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => recognizer.OpenStreamAsync().AsTask()));
        try
        {
            Assert.Equal(streams, opened.Select(s => ((PocketSphinxForkedStream)s).ProcessId).Distinct().Count());
            var heard = await Task.WhenAll(opened.Select((stream, i) => Task.Run(() => Recognise(stream, Spoken(Questions[i % Questions.Length])))));
            for (var i = 0; i < streams; i++)
            {
                Assert.Equal(Questions[i % Questions.Length], heard[i]);
            }
        }
        finally
        {
            foreach (var stream in opened)
            {
                stream.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_decoder_that_stops_answering_fails_its_stream_after_the_reply_timeout()
    {
        using var recognizer = Forked(replyTimeout: TimeSpan.FromMilliseconds(500));
        using var stream = (PocketSphinxForkedStream)await recognizer.OpenStreamAsync();
        Signal("STOP", stream.ProcessId);
        try
        {
            var failure = Assert.Throws<SpeechEngineException>(() => stream.GetPartialText());
            output.WriteLine(failure.Message);
            Assert.Contains("did not answer within 0.5 s", failure.Message);
        }
        finally
        {
            Signal("KILL", stream.ProcessId);
        }
    }

    [Fact]
    public async Task A_forked_decoder_hears_what_a_new_in_process_decoder_hears_whoever_spoke_before()
    {
        using var forked = Forked(maxDecoders: 1);
        using var inProcess = new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = PocketSphinxMode.InProcess, MinDecoders = 0, MaxDecoders = 1 });

        // Someone else first, on another channel (see PocketSphinxNormalisationTests): a fork starts from the zygote's
        // untouched decoder every time.
        using (var earlier = await forked.OpenStreamAsync())
        {
            earlier.Push([.. TestSpeech.Say("please remember the number forty two and then", "awb").Select(s => (short)(s / 20))]);
            earlier.Complete();
        }

        foreach (var words in (string[])["stop", "what is uh", .. Questions])
        {
            var question = Spoken(words);
            using var a = await forked.OpenStreamAsync();
            using var b = await inProcess.OpenStreamAsync();
            var heard = Recognise(a, question);
            output.WriteLine($"\"{words}\" heard as \"{heard}\"");
            Assert.Equal(Recognise(b, question), heard);
        }
    }

    [Fact]
    public async Task Disposing_stops_the_zygote()
    {
        var recognizer = Forked();
        var zygote = recognizer.Forked.ZygoteProcessId;
        using var stream = await recognizer.OpenStreamAsync();

        recognizer.Dispose();

        Assert.False(Directory.Exists($"/proc/{zygote}"), "the zygote still runs");
        Assert.Equal(Questions[0], Recognise(stream, Spoken(Questions[0])));
    }

    [Fact]
    public async Task A_decoder_process_ends_with_its_stream_so_no_idle_decoder_outlives_it()
    {
        using var recognizer = Forked(maxDecoders: 2);
        var zygote = recognizer.Forked.ZygoteProcessId;
        Assert.Equal(0, recognizer.Forked.RentedDecoders);
        Assert.Equal(1, recognizer.Forked.IdleDecoders);

        var stream = (PocketSphinxForkedStream)await recognizer.OpenStreamAsync();
        Assert.Equal(1, recognizer.Forked.RentedDecoders);
        Assert.Equal(Questions[1], Recognise(stream, Spoken(Questions[1])));
        var decoder = stream.ProcessId;
        Assert.Contains(decoder, DecoderProcesses(zygote));

        stream.Dispose();

        // The process that decoded the stream exits (its memory goes back to the kernel); the zygote keeps its one spare.
        Assert.Equal(0, recognizer.Forked.RentedDecoders);
        await WaitUntilAsync(() => !DecoderProcesses(zygote).Contains(decoder), "the stream's decoder process still runs");
        await WaitUntilAsync(() => DecoderProcesses(zygote).Length == 1, "the zygote does not keep exactly its one spare");
    }

    [Fact]
    public void A_missing_helper_says_how_to_build_it()
    {
        var missing = Assert.Throws<PocketSphinxHelperUnavailableException>(() =>
            new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = PocketSphinxMode.Forked, HelperPath = "/nonexistent/helper" }));

        Assert.Contains("scripts/setup.sh", missing.Message);
        Assert.Contains("InProcess", missing.Message);
    }

    [Fact]
    public void A_helper_that_cannot_run_or_exits_before_it_is_ready_is_unavailable()
    {
        var notExecutable = Path.GetTempFileName();
        try
        {
            var refused = Assert.Throws<PocketSphinxHelperUnavailableException>(() =>
                new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = PocketSphinxMode.Forked, HelperPath = notExecutable }));
            output.WriteLine(refused.Message);
            Assert.Contains("scripts/setup.sh", refused.Message);
        }
        finally
        {
            File.Delete(notExecutable);
        }

        var exited = Assert.Throws<PocketSphinxHelperUnavailableException>(() =>
            new PocketSphinxRecognizer(new PocketSphinxOptions { Mode = PocketSphinxMode.Forked, HelperPath = "/bin/false" }));
        output.WriteLine(exited.Message);
        Assert.Contains("exited with code 1 before it was ready", exited.Message);
    }

    // A zygote running from construction on: these tests watch it (PocketSphinxHelperIdleTests start and stop it with calls).
    private static PocketSphinxRecognizer Forked(int maxDecoders = 4, TimeSpan? replyTimeout = null) => new(new PocketSphinxOptions
    {
        Mode = PocketSphinxMode.Forked,
        HelperIdleTimeout = Timeout.InfiniteTimeSpan,
        MaxDecoders = maxDecoders,
        ReplyTimeout = replyTimeout ?? new PocketSphinxOptions().ReplyTimeout,
    });

    internal static short[] Spoken(string words) =>
        [.. TestSpeech.Silence(TimeSpan.FromMilliseconds(300)), .. TestSpeech.Say(words), .. TestSpeech.Silence(TimeSpan.FromMilliseconds(300))];

    private static string Recognise(ISpeechRecognitionStream stream, short[] audio)
    {
        foreach (var chunk in audio.Chunk(ChunkSamples))
        {
            stream.Push(chunk);
            _ = stream.GetPartialText();
        }

        return stream.Complete();
    }

    // The zygote's children: spares waiting in accept() and decoders serving a stream.
    private static int[] DecoderProcesses(int zygote) =>
        [.. File.ReadAllText($"/proc/{zygote}/task/{zygote}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    // The sockets a process holds: a spare holds the zygote's listening socket, a decoder serving a stream has closed it.
    private static HashSet<string> Sockets(int processId) =>
        [.. new DirectoryInfo($"/proc/{processId}/fd").GetFileSystemInfos().Select(fd => fd.LinkTarget).OfType<string>().Where(target => target.StartsWith("socket:", StringComparison.Ordinal))];

    // The process under test acts on its own; this only bounds how long the test waits for it.
    internal static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, failure);
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static void Signal(string signal, int processId)
    {
        using var kill = Process.Start("kill", [$"-{signal}", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
