using System.Globalization;
using Parley.Cli.Common;
using Parley.Client.Audio;
using Parley.Client.Voice;
using Parley.Client.Voice.Events;
using Parley.Protocol.Payloads;
using Spectre.Console;

namespace Parley.Cli.Talk;

/// <summary>Shows a live session: a status line (listening, speaking, reconnecting) above the transcript as it grows; plays the agent.</summary>
/// <remarks>Every write happens on the one task reading events, since Spectre's live status is not thread-safe.</remarks>
internal sealed class TalkView(CliContext context, string microphone, string speaker)
{
    public void Started(StartedPayload started)
    {
        context.Console.MarkupLine($"[grey]Talking in conversation {Markup.Escape(started.ConversationId)} (microphone: {Markup.Escape(microphone)}, speaker: {Markup.Escape(speaker)}). Ctrl+C ends.[/]");
    }

    /// <summary>Plays and prints events until the session is over; returns its <see cref="EndedEvent"/>.</summary>
    public async Task<EndedEvent?> RunAsync(VoiceSession session, PlaybackQueue playback)
    {
        EndedEvent? ended = null;
        await context.Console.Status().StartAsync("listening", async status =>
        {
            await foreach (var voiceEvent in session.ReadEventsAsync().ConfigureAwait(false))
            {
                switch (voiceEvent)
                {
                    case AudioEvent audio:
                        playback.Enqueue(audio.Pcm);
                        status.Status("agent speaking");
                        break;
                    case InterruptedEvent:
                        playback.Flush();
                        status.Status("listening (interrupted)");
                        break;
                    case TranscriptEvent line:
                        Output.Line(context, line.IsUser ? "you" : "agent", line.Text, line.IsUser ? "blue" : "green");
                        status.Status(line.IsUser ? "thinking" : "agent speaking");
                        break;
                    case ToolCallEvent call:
                        Output.Line(context, "tool", $"{call.ToolName} ({call.Status})", "yellow");
                        break;
                    case ErrorEvent error:
                        Output.Line(context, "error", $"{error.Code}: {error.Message}", "red");
                        break;
                    case ReconnectingEvent reconnecting:
                        status.Status($"reconnecting: try {reconnecting.Attempt} in {reconnecting.Delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({reconnecting.Reason})");
                        break;
                    case ReconnectedEvent:
                        Output.Line(context, "network", "reconnected; the conversation goes on", "grey");
                        status.Status("listening");
                        break;
                    case GaveUpEvent gaveUp:
                        Output.Line(context, "network", $"gave up reconnecting after {gaveUp.Attempts} tries", "red");
                        break;
                    case EndedEvent end:
                        ended = end;
                        break;
                    default:
                        if (!playback.IsPlaying)
                        {
                            status.Status("listening");
                        }

                        break;
                }
            }
        }).ConfigureAwait(false);
        return ended;
    }

    public void Summary(EndedEvent? ended)
    {
        var turns = ended?.Payload.Transcript.Count ?? 0;
        context.Console.MarkupLine($"[grey]Session ended: {turns.ToString(CultureInfo.InvariantCulture)} line(s) in the transcript{(ended?.Error is { } e ? $"; {Markup.Escape(e.Message)}" : string.Empty)}.[/]");
    }
}
