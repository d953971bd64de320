using Microsoft.Extensions.Logging;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Agents;
using Parley.Sessions.Lifecycle;
using Parley.Sessions.Listening;
using Parley.Sessions.Recording;
using Parley.Sessions.Replies;
using Parley.Storage.Messages;

namespace Parley.Sessions;

/// <summary>A started session: it listens, answers each user turn with one reply at a time, and records everything.</summary>
internal sealed partial class LiveSession : IListenerSink, IReplyObserver, IAgentEventSink
{
    private readonly LiveSessionSetup _setup;
    private readonly Action<EndReason> _requestEnd;
    private readonly CancellationToken _lifetime;
    private readonly ILogger _logger;
    private readonly AudioIngress _ingress;
    private readonly Listener _listener;
    private readonly TimelineRecorder _recorder;
    private readonly VoiceSessionOptions _options;
    private readonly EchoDetector _echo;
    private readonly Idle.IdlePrompter _idle;
    private ReplyContext? _replyContext;
    private SessionAgent? _agent;
    private readonly long _startTimestamp;
    private readonly SemaphoreSlim _turnGate = new(1, 1);
    private readonly Lock _transcriptGate = new();

    // Held while a turn is recorded and its reply started, and while the client interrupts, so an `interrupted` sent after
    // a turn's transcript always cuts the reply to that turn.
    private readonly Lock _replyGate = new();
    private readonly List<TranscriptPayload> _transcript = [];
    private readonly bool _sendUserTranscripts;
    private readonly bool _sendAgentTranscripts;
    private Task _listening = Task.CompletedTask;
    private Task _opening = Task.CompletedTask;
    private volatile ReplyHandle? _current;
    private ReplyHandle? _cutOff;
    private Task _resuming = Task.CompletedTask;
    private Task _prompting = Task.CompletedTask;
    private bool _ending;
    private volatile bool _endCallRequested;

    public LiveSession(LiveSessionSetup setup, Action<EndReason> requestEnd, CancellationToken lifetime)
    {
        _setup = setup;
        _requestEnd = requestEnd;
        _lifetime = lifetime;
        var services = setup.Services;
        _logger = services.LoggerFactory.CreateLogger<LiveSession>();
        _startTimestamp = services.Time.GetTimestamp();
        _sendUserTranscripts = setup.Start.VoiceConfig?.InputTranscription != false;
        _sendAgentTranscripts = setup.Start.VoiceConfig?.OutputTranscription != false;
        _options = services.Options.For(setup.Agent.Spec.TurnTaking);
        _ingress = new AudioIngress(services.Options, services.Time, services.VoiceActivity.SampleRate);
        _idle = new Idle.IdlePrompter(services.Time, _options, () => _prompting = SayAsync(_options.IdlePrompt, current => current?.Completion.IsCompleted != false));
        _echo = new EchoDetector(services.Time);
        _listener = new Listener(
            services.VoiceActivity, services.Recognizer, _options, setup.Start.VoiceConfig?.SilenceTimeout == true, this, services.Time, _echo);
        _recorder = new TimelineRecorder(setup.Store, setup.MessageId, _logger);
    }

    /// <summary>Builds the session's agent (its tools may need connecting); call between <c>started</c> and <c>ready</c>.</summary>
    public async Task PrepareAsync()
    {
        var services = _setup.Services;
        var start = _setup.Start;
        var knowledge = (_setup.Agent.Spec.KnowledgeIds ?? []).Concat(start.KnowledgeIds ?? []).Distinct().ToList();
        _agent = await services.Agents.CreateAsync(
            new AgentSessionContext(_setup.Agent, _setup.TeamspaceId, knowledge, start.SecretIds ?? [], start.User, this), _lifetime).ConfigureAwait(false);
        _replyContext = new ReplyContext(
            _agent.Client, _agent.Options, services.Synthesizer, _setup.Voice, services.Resampler, _setup.Outbox, _options, services.Time, this, _echo);
    }

    /// <summary>Starts listening, then greets (or answers <c>initial_message</c>) unless told to start silently.</summary>
    public void Begin()
    {
        _listening = ListenAsync();
        var start = _setup.Start;
        if (start.InitialMessage is { Length: > 0 } initial)
        {
            _opening = RespondAsync(initial.Trim());
        }
        else if (start.VoiceConfig?.SilentStart != true)
        {
            _opening = RespondAsync(userText: null);
        }
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
            // Nobody reads the audio queue any more: a receive loop waiting for room in it must not wait forever.
            _listener.CompleteInput();
        }
    }

    /// <summary>Takes one microphone chunk: checked, decoded, queued for the listener.</summary>
    public async Task AcceptAudioAsync(AudioPayload audio)
    {
        switch (_ingress.TryAccept(audio.Data, out var samples))
        {
            case AudioChunkResult.Accepted:
                try
                {
                    await _listener.EnqueueAsync(samples, _lifetime).ConfigureAwait(false);
                }
                catch (System.Threading.Channels.ChannelClosedException)
                {
                    // The listener failed and the session is ending: the chunk is dropped.
                }

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
            case AudioChunkResult.RateLimited when _ingress.RateStrikes >= _setup.Services.Options.RateLimitStrikesBeforeClose:
                _requestEnd(EndReason.RateLimited);
                break;
            case AudioChunkResult.RateLimited:
                SendError(ErrorCodes.RateLimited, "Audio is arriving faster than real time beyond the burst allowance; the chunk was dropped.");
                break;
        }
    }

    /// <summary>A user turn given as text, answered as if spoken.</summary>
    public Task OnUserTextAsync(string text)
    {
        _idle.UserActive();
        return RespondAsync(text);
    }

    /// <summary>The client's <c>interrupt</c>: cut the reply off; <c>interrupted</c> is sent even when none was playing.</summary>
    public void Interrupt()
    {
        lock (_replyGate)
        {
            if (_current?.Interrupt() != true)
            {
                _setup.Outbox.Post(InterruptedMessage.Instance);
            }
        }
    }

    /// <summary>Stops listening and replying, stores the end, and returns the <c>ended</c> payload.</summary>
    public async Task<EndedPayload> EndAsync()
    {
        _idle.Dispose();

        // The agent stops first: the user's last words, which the listener is about to hand over, come after it.
        await _turnGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _ending = true;
            _current?.Interrupt(notify: false);
        }
        finally
        {
            _turnGate.Release();
        }

        _listener.CompleteInput();
        await _listening.ConfigureAwait(false);

        await _opening.ConfigureAwait(false);
        await _resuming.ConfigureAwait(false);
        await _prompting.ConfigureAwait(false);
        await (_current?.Completion ?? Task.CompletedTask).ConfigureAwait(false);
        _listener.Dispose();
        if (_agent is not null)
        {
            await _agent.DisposeAsync().ConfigureAwait(false);
        }

        await _recorder.FlushAsync().ConfigureAwait(false);
        if (_setup.Store is { } store)
        {
            await store.EndVoiceMessageAsync(_setup.MessageId, ElapsedMs(), CancellationToken.None).ConfigureAwait(false);
        }

        lock (_transcriptGate)
        {
            return new EndedPayload(0, [.. _transcript]);
        }
    }

    /// <summary>Answers a user turn (or opens the conversation when <paramref name="userText"/> is null), cutting off any reply in flight.</summary>
    /// <param name="userText">The user's words, or null to open the conversation.</param>
    /// <param name="timings">The spoken turn's stage timings, carried into its reply; null for typed turns and the greeting.</param>
    private async Task RespondAsync(string? userText, Telemetry.TurnTimings? timings = null)
    {
        await _turnGate.WaitAsync(_lifetime).ConfigureAwait(false);
        try
        {
            if (_current is { } previous)
            {
                previous.Interrupt();
                await previous.Completion.ConfigureAwait(false);
            }

            lock (_replyGate)
            {
                if (userText is not null)
                {
                    RecordLine(Roles.User, userText, _sendUserTranscripts);
                }

                if (!_ending)
                {
                    _current = ReplyHandle.Start(_replyContext!, _setup.History.Snapshot(_setup.Services.Options.HistoryTokenBudget), _lifetime, timings);
                }
            }
        }
        finally
        {
            _turnGate.Release();
        }
    }

    /// <summary>After a false interruption: says the rest of the reply that was cut, unless something else has been said since.</summary>
    private async Task ResumeAsync(ReplyHandle cut)
    {
        await cut.Completion.ConfigureAwait(false);
        var rest = cut.Unheard;
        if (rest.Length > 0)
        {
            await SayAsync(rest, current => current == cut).ConfigureAwait(false);
        }
    }

    /// <summary>Says <paramref name="text"/> as it is (no agent asked) if, once it is this turn's go, <paramref name="stillWanted"/> of the reply then current.</summary>
    private async Task SayAsync(string text, Func<ReplyHandle?, bool> stillWanted)
    {
        try
        {
            await _turnGate.WaitAsync(_lifetime).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            lock (_replyGate)
            {
                if (!_ending && stillWanted(_current))
                {
                    _current = ReplyHandle.StartScripted(_replyContext!, text, _lifetime);
                }
            }
        }
        finally
        {
            _turnGate.Release();
        }
    }

    private void RecordLine(string role, string text, bool sendLive)
    {
        if (sendLive)
        {
            _setup.Outbox.Post(new TranscriptMessage(new TranscriptPayload(role, text)));
        }

        lock (_transcriptGate)
        {
            _transcript.Add(new TranscriptPayload(role, text));
        }

        _setup.History.Add(role, text);
        _recorder.Record(new TimelineEvent { TimestampMs = ElapsedMs(), Type = TimelineEventTypes.Transcript, Role = role, Text = text });
    }

    private long ElapsedMs() => (long)_setup.Services.Time.GetElapsedTime(_startTimestamp).TotalMilliseconds;

    private void SendError(string code, string message) => _setup.Outbox.Post(new ErrorMessage(new ErrorPayload(message, code)));
}
