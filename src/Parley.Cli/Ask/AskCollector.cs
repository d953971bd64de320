using System.Diagnostics;
using Parley.Client.Audio;
using Parley.Client.Voice;
using Parley.Client.Voice.Events;
using Parley.Protocol.Payloads;

namespace Parley.Cli.Ask;

/// <summary>Reads a session's events during an asked turn: writes the agent's audio and keeps transcripts and tool calls.</summary>
internal sealed class AskCollector(WavWriter output)
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<TranscriptPayload> _live = [];
    private readonly List<AskToolCall> _toolCalls = [];
    private readonly List<string> _errors = [];
    private TimeSpan? _lastAudio;

    public EndedEvent? Ended { get; private set; }

    public IReadOnlyList<AskToolCall> ToolCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _toolCalls];
            }
        }
    }

    public IReadOnlyList<TranscriptPayload> LiveTranscript
    {
        get
        {
            lock (_gate)
            {
                return [.. _live];
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>The user was heard, the agent spoke, and no audio has come for <paramref name="quiet"/>.</summary>
    public bool AnswerSpoken(TimeSpan quiet)
    {
        lock (_gate)
        {
            return _live.Any(l => l.Role == Parley.Protocol.Roles.User) && _lastAudio is { } last && _clock.Elapsed - last >= quiet;
        }
    }

    public async Task ReadAsync(VoiceSession session, CancellationToken cancellationToken)
    {
        await foreach (var voiceEvent in session.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (voiceEvent)
            {
                case AudioEvent audio:
                    await output.WriteAsync(audio.Pcm, cancellationToken).ConfigureAwait(false);
                    lock (_gate)
                    {
                        _lastAudio = _clock.Elapsed;
                    }

                    break;
                case TranscriptEvent line:
                    lock (_gate)
                    {
                        _live.Add(new TranscriptPayload(line.Role, line.Text));
                    }

                    break;
                case ToolCallEvent call:
                    OnToolCall(call);
                    break;
                case ErrorEvent error:
                    lock (_gate)
                    {
                        _errors.Add($"{error.Code}: {error.Message}");
                    }

                    break;
                case EndedEvent ended:
                    Ended = ended;
                    break;
                default:
                    break;
            }
        }
    }

    private void OnToolCall(ToolCallEvent call)
    {
        lock (_gate)
        {
            // A completion belongs to the latest call of that tool still running.
            var running = _toolCalls.FindLastIndex(c => c.ToolName == call.ToolName && c.Status == Parley.Protocol.Payloads.ToolCallStatuses.Started);
            if (call.Status != Parley.Protocol.Payloads.ToolCallStatuses.Started && running >= 0)
            {
                _toolCalls[running] = new AskToolCall(call.ToolName, call.Status);
            }
            else
            {
                _toolCalls.Add(new AskToolCall(call.ToolName, call.Status));
            }
        }
    }
}
