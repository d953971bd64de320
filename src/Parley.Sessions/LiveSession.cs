using Microsoft.Extensions.Logging;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Agents;
using Parley.Sessions.Lifecycle;
using Parley.Sessions.Listening;
using Parley.Sessions.Recording;
using Parley.Sessions.Replies;
using Parley.Sessions.Turns;

namespace Parley.Sessions;

/// <summary>A started session: it listens, answers each user turn with one reply at a time, and records everything.</summary>
/// <remarks>
/// The session's turn state has one owner, <see cref="TurnOwner"/>; this class wires the parts to it. The listener
/// starts with the session (audio sent before <c>ready</c> is heard, not dropped); the owner starts once the agent is
/// built (<see cref="Begin"/>), and acts then on what was posted meanwhile. Every task started here is awaited in
/// <see cref="EndAsync"/>.
/// </remarks>
internal sealed partial class LiveSession : IListenerSink, IReplyObserver, IAgentEventSink
{
    private readonly LiveSessionSetup _setup;
    private readonly Action<EndReason> _requestEnd;
    private readonly CancellationToken _lifetime;
    private readonly ILogger _logger;
    private readonly AudioIngress _audioIngress;
    private readonly TextIngress _textIngress;
    private readonly Listener _listener;
    private readonly TimelineRecorder _recorder;
    private readonly CallRecorder? _callRecorder;
    private readonly Telemetry.TurnLatencyLog _latencies = new();
    private readonly VoiceSessionOptions _options;
    private readonly EchoDetector _echo;
    private readonly Idle.IdlePrompter _idle;
    private readonly SessionTranscript _transcript;
    private readonly TurnOwner _owner;
    private readonly long _startTimestamp;
    private ReplyContext? _replyContext;
    private SessionAgent? _agent;
    private Task _listening = Task.CompletedTask;
    private Task? _turns;
    private int _endCallRequested;

    public LiveSession(LiveSessionSetup setup, Action<EndReason> requestEnd, CancellationToken lifetime)
    {
        _setup = setup;
        _requestEnd = requestEnd;
        _lifetime = lifetime;
        var services = setup.Services;
        _logger = services.LoggerFactory.CreateLogger<LiveSession>();
        _startTimestamp = services.Time.GetTimestamp();
        StartedAt = services.Time.GetUtcNow();
        _options = services.Options.For(setup.Agent.Spec.TurnTaking);
        _audioIngress = new AudioIngress(services.Options, services.Time, services.VoiceActivity.SampleRate);
        _textIngress = new TextIngress(services.Options, services.Time);
        _echo = new EchoDetector(services.Time);
        _callRecorder = Recorder(setup, _options, _startTimestamp, _logger);
        _listener = new Listener(
            services.VoiceActivity, setup.Hearing, _options, setup.Start.VoiceConfig?.SilenceTimeout == true, this, services.Time, _echo, _callRecorder);
        _recorder = new TimelineRecorder(
            setup.Store, setup.MessageId, services.Options.StorageRetry, services.Options.MaxPendingTimelineEvents, services.Time,
            () => requestEnd(EndReason.StorageUnavailable), _logger);
        var voiceConfig = setup.Start.VoiceConfig;
        _transcript = new SessionTranscript(
            setup.Outbox, setup.History, _recorder, ElapsedMs, services.Options.MaxEndedTranscriptChars,
            sendUser: voiceConfig?.InputTranscription != false, sendAgent: voiceConfig?.OutputTranscription != false);
        _idle = new Idle.IdlePrompter(services.Time, _options, () => _owner!.TryPost(new TurnEvent.IdleTimeout()));
        _owner = new TurnOwner(new TurnOwnerSetup(
            setup.History, _transcript, setup.Outbox, _idle, _options, requestEnd, _logger, setup.MessageId, lifetime, services.Orchestrator is { } tasks ? tasks.MarkHeard : null));
    }

    /// <summary>When the session's clock starts: every <c>timestamp_ms</c> of its timeline and <c>start_time_ms</c> of its clips counts from here.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Starts hearing the user at once: what they say before <c>ready</c> is answered once the agent is built.</summary>
    public void StartListening()
    {
        _callRecorder?.Start();
        _listening = ListenAsync();
    }

    /// <summary>Builds the session's agent (its tools may need connecting); call between <c>started</c> and <c>ready</c>.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var services = _setup.Services;
        var start = _setup.Start;
        // The session's files are searched as knowledge is: each readable upload is indexed as knowledge of its own.
        IReadOnlyList<string> fileKnowledge = start.FileIds is { Count: > 0 } fileIds && services.Knowledge is { } index
            ? await index.FindForFilesAsync(_setup.TeamspaceId, fileIds, cancellationToken).ConfigureAwait(false)
            : [];
        var knowledge = (_setup.Agent.Spec.KnowledgeIds ?? []).Concat(start.KnowledgeIds ?? []).Concat(fileKnowledge).Distinct().ToList();
        _agent = await services.Agents.CreateAsync(
            new AgentSessionContext(_setup.Agent, _setup.TeamspaceId, knowledge, start.SecretIds ?? [], start.User, this), cancellationToken).ConfigureAwait(false);
        var taskTools = await PrepareTasksAsync(cancellationToken).ConfigureAwait(false);
        _replyContext = new ReplyContext(
            AcknowledgingSlowTools(_agent.Client), WithTools(_agent.Options, taskTools), _setup.Voice, services.Resampler, _setup.Outbox,
            _options, services.Time, this, _transcript.SendsAgentPieces, _echo, _setup.Line is { } line ? new LineOutput(line) : null, _callRecorder);
    }

    /// <summary>Hands the turns to their owner: it greets (or answers <c>initial_message</c>) unless told to start silently.</summary>
    public void Begin()
    {
        var start = _setup.Start;
        var opening = start.InitialMessage is { Length: > 0 } initial ? initial.Trim()
            : start.VoiceConfig?.SilentStart != true ? string.Empty
            : null;
        _turns = _owner.RunAsync(_replyContext!, opening, _heldOverTasks, _setup.OpeningLine);
    }

    /// <summary>Takes one microphone chunk: checked, decoded, queued for the listener; never waits.</summary>
    public void AcceptAudio(AudioPayload audio)
    {
        switch (_audioIngress.TryAccept(audio.Data, out var samples))
        {
            case AudioChunkResult.Accepted when !_listener.TryEnqueue(samples):
                SendError(ErrorCodes.RateLimited, $"The server holds {_options.MaxAudioBacklog.TotalSeconds:F0} s of your audio not yet heard; the chunk was dropped.");
                break;
            case AudioChunkResult.Accepted:
                break;
            case AudioChunkResult.NotBase64:
                SendError(ErrorCodes.InvalidAudio, "Audio data is not valid base64; the chunk was dropped.");
                break;
            case AudioChunkResult.OddByteCount:
                SendError(ErrorCodes.InvalidAudio, "Audio must be PCM16: an even number of bytes; the chunk was dropped.");
                break;
            case AudioChunkResult.TooLarge:
                SendError(ErrorCodes.AudioTooLarge, $"Audio chunks may hold at most {_setup.Services.Options.MaxAudioChunkBytes} bytes; the chunk was dropped.");
                break;
            case AudioChunkResult.RateLimited when _audioIngress.RateStrikes >= _setup.Services.Options.RateLimitStrikesBeforeClose:
                _requestEnd(EndReason.RateLimited);
                break;
            case AudioChunkResult.RateLimited:
                SendError(ErrorCodes.RateLimited, "Audio is arriving faster than real time beyond the burst allowance; the chunk was dropped.");
                break;
        }
    }

    /// <summary>A user turn given as text, answered as if spoken, within the length and rate limits.</summary>
    public void AcceptText(string text)
    {
        if (!_textIngress.FitsLength(text))
        {
            SendError(ErrorCodes.InvalidMessage, $"\"text\" may hold at most {_options.MaxTextChars} characters; the turn was dropped.");
        }
        else if (_textIngress.TryTake())
        {
            PostFromClient(new TurnEvent.UserTyped(text));
        }
        else if (_textIngress.RateStrikes >= _setup.Services.Options.RateLimitStrikesBeforeClose)
        {
            _requestEnd(EndReason.RateLimited);
        }
        else
        {
            SendError(ErrorCodes.RateLimited, "Text turns are arriving faster than allowed; the turn was dropped.");
        }
    }

    /// <summary>The node drains: the session ends once the reply being spoken is over and the user is not mid-turn.</summary>
    public void DrainAfterReply()
    {
        if (!_owner.TryPost(new TurnEvent.DrainRequested()))
        {
            _requestEnd(EndReason.Draining);
        }
    }

    /// <summary>The client's <c>interrupt</c>: cut the reply off; <c>interrupted</c> is sent even when none was playing.</summary>
    public void Interrupt() => PostFromClient(new TurnEvent.ClientInterrupt());

    /// <summary>Stops listening and replying, stores the end, and returns the <c>ended</c> payload with what the session did.</summary>
    public async Task<LiveSessionEnd> EndAsync()
    {
        // Ended before it was ready: the owner still runs, to record what was said meanwhile (answering none of it).
        _turns ??= _owner.RunAsync(replies: null, opening: null);

        // The agent stops first: the user's last words, which the listener is about to hand over, come after it.
        _taskListening?.Dispose();
        await _owner.PostAsync(new TurnEvent.EndRequested()).ConfigureAwait(false);
        _listener.CompleteInput();
        await _listening.ConfigureAwait(false);
        await _owner.PostAsync(new TurnEvent.ListenerDone()).ConfigureAwait(false);
        await _turns.ConfigureAwait(false);

        _idle.Dispose();
        var recording = RecordingResult.None;
        var duration = ElapsedMs();
        try
        {
            (recording, duration) = await ReleaseAndStoreEndAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The client still gets what was said: the lines are in memory whether or not storing the end worked.
            LogEndNotStored(_logger, ex, _setup.MessageId);
        }

        var (timeline, total) = _recorder.Kept;
        return new LiveSessionEnd(new EndedPayload(0, _transcript.Lines), duration, timeline, total, _latencies.Turns, recording);
    }

    private async Task<(RecordingResult Recording, long DurationMs)> ReleaseAndStoreEndAsync()
    {
        await _listener.DisposeAsync().ConfigureAwait(false);
        if (_agent is not null)
        {
            await _agent.DisposeAsync().ConfigureAwait(false);
        }

        var recording = _callRecorder is null ? RecordingResult.None : await _callRecorder.CompleteAsync().ConfigureAwait(false);
        var duration = ElapsedMs();

        // Writes what waits (retrying while the database is unavailable), then the message's end; never throws.
        await _recorder.CompleteAsync(duration).ConfigureAwait(false);
        return (recording, duration);
    }

    /// <summary>The session's recorder, when this session is recorded: stored (not ephemeral), recording on for the server and not off for the agent.</summary>
    private static CallRecorder? Recorder(LiveSessionSetup setup, VoiceSessionOptions options, long startTimestamp, ILogger logger)
    {
        var services = setup.Services;
        if (setup.Store is null || services.Recordings is not { Options.Enabled: true } recordings || setup.Agent.Spec.Recording == false)
        {
            return null;
        }

        var userId = setup.Start.User?.Email is { Length: > 0 } email ? email : setup.ApiKeyId;
        return new CallRecorder(new RecordingSetup(
            recordings.Files, recordings.Content, recordings.Options, setup.TeamspaceId, setup.MessageId, setup.Agent.Id, userId,
            options.PlaybackLead, options.OutputFrameDuration, services.Time, startTimestamp, logger));
    }

    private async Task ListenAsync()
    {
        try
        {
            await _listener.RunAsync(_lifetime).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // An engine failed: the session cannot hear any more, so it ends with internal_error.
            LogListenerFailed(_logger, ex, _setup.MessageId);
            _requestEnd(EndReason.InternalError);
            _listener.CompleteInput();
        }
    }

    // The receive loop never waits for the owner, so it always goes on to read the client's next frame.
    private void PostFromClient(TurnEvent turnEvent)
    {
        if (!_owner.TryPost(turnEvent))
        {
            SendError(ErrorCodes.RateLimited, "The session is too far behind to take this now; it was dropped.");
        }
    }

    private long ElapsedMs() => (long)_setup.Services.Time.GetElapsedTime(_startTimestamp).TotalMilliseconds;

    private void SendError(string code, string message) => _setup.Outbox.Post(new ErrorMessage(new ErrorPayload(message, code)));
}
