using System.CommandLine;
using Parley.Cli.Common;
using Parley.Client.Audio;
using Parley.Client.Voice;
using Parley.Protocol.Payloads;

namespace Parley.Cli.Talk;

/// <summary><c>parley talk</c>: a live conversation through the microphone and the speaker; Ctrl+C ends it cleanly.</summary>
internal static class TalkCommand
{
    private static readonly Option<string?> Agent = new("--agent") { Description = "The agent to talk to (default: the teamspace's default agent)" };
    private static readonly Option<string?> Conversation = new("--conversation") { Description = "Continue this conversation" };
    private static readonly Option<string?> Voice = new("--voice") { Description = "The voice the agent speaks with" };
    private static readonly Option<bool> Silent = new("--silent") { Description = "Skip the agent's greeting" };

    public static Command Create(CliContext context)
    {
        var command = new Command("talk", "Talk with an agent through the microphone and speaker (Ctrl+C ends the session)") { Agent, Conversation, Voice, Silent };
        return command.WithAction(context, RunAsync);
    }

    private static async Task<int> RunAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        using var client = scope.CreateClient();

        // Devices first: without them there is nothing to talk with, and the server need not be bothered.
        await using var microphone = await AudioDevices.OpenMicrophoneAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var speaker = await AudioDevices.OpenSpeakerAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var playback = new PlaybackQueue(speaker);

        var start = new StartPayload
        {
            AgentId = scope.Value(Agent),
            ConversationId = scope.Value(Conversation),
            VoiceConfig = new VoiceConfig { SilentStart = scope.Value(Silent) ? true : null, VoicePreset = scope.Value(Voice) },
        };
        await using var session = await client.VoiceSessions.ConnectAsync(start, cancellationToken: cancellationToken).ConfigureAwait(false);
        var started = await session.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var view = new TalkView(scope.Context, microphone.Description, speaker.Description);
        view.Started(started);

        using var stopping = new CancellationTokenSource();
        var capturing = CaptureAsync(microphone, session, stopping.Token);
        var stopOnCtrlC = StopOnCancelAsync(session, cancellationToken, stopping.Token);
        var ended = await view.RunAsync(session, playback).ConfigureAwait(false);
        await stopping.CancelAsync().ConfigureAwait(false);
        await capturing.ConfigureAwait(false);
        await stopOnCtrlC.ConfigureAwait(false);
        view.Summary(ended);
        return ended?.Error is { } error ? ErrorReporter.Describe(error, scope.Settings.Url).Code : ExitCodes.Ok;
    }

    /// <summary>Streams the microphone in 8192-byte chunks, as the iOS client does, until the session ends.</summary>
    private static async Task CaptureAsync(IAudioSource microphone, VoiceSession session, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in microphone.ReadChunksAsync(8192, cancellationToken).ConfigureAwait(false))
            {
                await session.SendAudioAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or VoiceSessionException)
        {
            // The session ended: nothing more to send.
        }
    }

    /// <summary>On Ctrl+C, ends the session gracefully: the server sends <c>ended</c> and the view finishes.</summary>
    private static async Task StopOnCancelAsync(VoiceSession session, CancellationToken ctrlC, CancellationToken done)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ctrlC, done);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ctrlC.IsCancellationRequested && !done.IsCancellationRequested)
        {
            await session.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The session ended on its own.
        }
    }
}
