using System.Diagnostics;
using Parley.Client;
using Parley.Client.Audio;
using Parley.Client.Voice;
using Parley.Protocol;
using Parley.Protocol.Payloads;

namespace Parley.Cli.Ask;

/// <summary>One turn from a file: streams the question like a microphone would, then silence until the answer has been spoken.</summary>
internal static class AskTurn
{
    /// <summary>The iOS client's chunk: 4096 samples, 256 ms.</summary>
    public const int ChunkBytes = 8192;

    public static async Task<AskResult> RunAsync(ParleyClient client, AskRequest request, Action<string>? status = null, CancellationToken cancellationToken = default)
    {
        var question = WavFile.Read(request.QuestionPath, AudioFormats.InputSampleRate);
        var start = new StartPayload
        {
            AgentId = request.AgentId,
            ConversationId = request.ConversationId,
            VoiceConfig = new VoiceConfig { SilentStart = true, VoicePreset = request.Voice },
        };

        status?.Invoke("connecting");
        await using var session = await client.VoiceSessions.ConnectAsync(start, new VoiceSessionOptions { Reconnect = ReconnectPolicy.None }, cancellationToken).ConfigureAwait(false);
        var started = await session.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

        AskCollector collector;
        long audioBytes;
        TimeSpan audioDuration;
        Parley.Protocol.Payloads.EndedPayload ended;
        var writer = new WavWriter(request.OutputPath, AudioFormats.OutputSampleRate);
        await using (writer.ConfigureAwait(false))
        {
            collector = new AskCollector(writer);
            var reading = collector.ReadAsync(session, cancellationToken);
            var clock = Stopwatch.StartNew();
            status?.Invoke("asking");
            await StreamAsync(session, question.Pcm, clock, cancellationToken).ConfigureAwait(false);

            status?.Invoke("waiting for the answer");
            var silence = new byte[ChunkBytes];
            var sent = clock.Elapsed;
            var deadline = sent + request.Timeout;
            while (!collector.AnswerSpoken(request.Quiet) && !reading.IsCompleted && clock.Elapsed < deadline)
            {
                sent += Pcm16.Duration(silence.Length, AudioFormats.InputSampleRate);
                await WaitUntilAsync(clock, sent, cancellationToken).ConfigureAwait(false);
                await session.SendAudioAsync(silence, cancellationToken).ConfigureAwait(false);
            }

            ended = await session.StopAsync(cancellationToken).ConfigureAwait(false);
            await reading.ConfigureAwait(false);
            (audioBytes, audioDuration) = (writer.DataBytes, writer.Duration);
        }

        var transcript = ended.Transcript.Count > 0 ? ended.Transcript : collector.LiveTranscript;
        var user = Lines(transcript, Roles.User);
        if (user.Length == 0)
        {
            throw new CliException(ExitCodes.Failure, $"The server heard no speech in {request.QuestionPath} within {request.Timeout.TotalSeconds:0} s.");
        }

        var agent = Lines(transcript, Roles.Agent);
        if (agent.Length == 0)
        {
            throw new CliException(ExitCodes.Failure, $"The agent did not answer within {request.Timeout.TotalSeconds:0} s (it heard: \"{user}\").");
        }

        return new AskResult
        {
            ConversationId = started.ConversationId,
            SessionId = started.SessionId,
            MessageId = started.MessageId,
            UserTranscript = user,
            AgentTranscript = agent,
            ToolCalls = collector.ToolCalls,
            Transcript = transcript,
            Output = new AskAudio(Path.GetFullPath(request.OutputPath), AudioFormats.OutputSampleRate, (long)audioDuration.TotalMilliseconds, audioBytes),
            Errors = collector.Errors is { Count: > 0 } errors ? errors : null,
        };
    }

    /// <summary>Sends the audio in 8192-byte chunks, each when a microphone would have finished recording it.</summary>
    private static async Task StreamAsync(VoiceSession session, byte[] pcm, Stopwatch clock, CancellationToken cancellationToken)
    {
        var begin = clock.Elapsed;
        for (var offset = 0; offset < pcm.Length; offset += ChunkBytes)
        {
            var count = Math.Min(ChunkBytes, pcm.Length - offset);
            await WaitUntilAsync(clock, begin + Pcm16.Duration(offset + count, AudioFormats.InputSampleRate), cancellationToken).ConfigureAwait(false);
            await session.SendAudioAsync(pcm.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WaitUntilAsync(Stopwatch clock, TimeSpan due, CancellationToken cancellationToken)
    {
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Lines(IEnumerable<TranscriptPayload> transcript, string role)
        => string.Join(' ', transcript.Where(l => l.Role == role).Select(l => l.Text.Trim()).Where(t => t.Length > 0));
}
