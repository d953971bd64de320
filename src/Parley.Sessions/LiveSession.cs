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
    private ReplyContext? _replyContext;
    private SessionAgent? _agent;
    private readonly long _startTimestamp;
    private readonly SemaphoreSlim _turnGate = new(1, 1);
    private readonly Lock _transcriptGate = new();
    private readonly List<TranscriptPayload> _transcript = [];
    private readonly bool _sendUserTranscripts;
    private readonly bool _sendAgentTranscripts;
    private Task _listening = Task.CompletedTask;
    private Task _opening = Task.CompletedTask;
    private volatile ReplyHandle? _current;
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
        _ingress = new AudioIngress(services.Options, services.Time, services.VoiceActivity.SampleRate);
        _listener = new Listener(
            services.VoiceActivity, services.Recognizer, services.Options, setup.Start.VoiceConfig?.SilenceTimeout == true, this);
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
            _agent.Client, _agent.Options, services.Synthesizer, _setup.Voice, services.Resampler, _setup.Outbox, services.Options, services.Time, this);
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
        }
    }

    /// <summary>Takes one microphone chunk: checked, decoded, queued for the listener.</summary>
    public async Task AcceptAudioAsync(AudioPayload audio)
    {
        switch (_ingress.TryAccept(audio.Data, out var samples))
        {
            case AudioChunkResult.Accepted:
                await _listener.EnqueueAsync(samples, _lifetime).ConfigureAwait(false);
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
    public Task OnUserTextAsync(string text) => RespondAsync(text);

    /// <summary>The client's <c>interrupt</c>: cut the reply off; <c>interrupted</c> is sent even when none was playing.</summary>
    public void Interrupt()
    {
        if (_current?.Interrupt() != true)
        {
            _setup.Outbox.Post(InterruptedMessage.Instance);
        }
    }

    /// <summary>Stops listening and replying, stores the end, and returns the <c>ended</c> payload.</summary>
    public async Task<EndedPayload> EndAsync()
    {
        _listener.CompleteInput();
        await _listening.ConfigureAwait(false);
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

        await _opening.ConfigureAwait(false);
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
    private async Task RespondAsync(string? userText)
    {
        await _turnGate.WaitAsync(_lifetime).ConfigureAwait(false);
        try
        {
            if (_current is { } previous)
            {
                previous.Interrupt();
                await previous.Completion.ConfigureAwait(false);
            }

            if (userText is not null)
            {
                RecordLine(Roles.User, userText, _sendUserTranscripts);
            }

            if (!_ending)
            {
                _current = ReplyHandle.Start(_replyContext!, _setup.History.Snapshot(_setup.Services.Options.HistoryTokenBudget), _lifetime);
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
