using System.Threading.Channels;
using Parley.Engines.Audio;
using Parley.Engines.SpeechToText;
using Parley.Engines.VoiceActivity;
using Parley.Sessions.Telemetry;

namespace Parley.Sessions.Listening;

/// <summary>Hears the user: VAD on every frame, the recogniser fed while they speak, turns reported to the session.</summary>
/// <remarks>
/// The recogniser stream is opened at speech onset (with the pre-roll that came before it) and fed frame by
/// frame, so at the endpoint only the last frames remain to decode. Opening does not hold the listener up (see
/// <see cref="UtteranceRecognition"/>). Decoders are pooled by the engine, so a silent session holds none.
/// </remarks>
internal sealed class Listener : IAsyncDisposable
{
    // Speech that began this many frames (~320 ms) or less before the agent finished is the next turn, not an interruption.
    private const int TurnTakenAtTheEndFrames = 10;

    // The stretch of speech judged for echo each frame: long enough to judge, short enough to notice a person soon.
    private static readonly TimeSpan EchoJudgedOver = TimeSpan.FromSeconds(1);

    private readonly Channel<(short[] Samples, CaptureClock.Chunk Capture)> _audio;
    private readonly long _maxBacklogSamples;
    private long _backlogSamples;
    private readonly CaptureClock _capture;
    private readonly IVoiceActivityStream _vad;
    private readonly Parley.Engines.Speech.RecognizerRoute _hearing;
    private readonly OverlapJudge _overlap;
    private Task<IRecognitionSession>? _recognition;
    private readonly IListenerSink _sink;
    private readonly TimeProvider _time;
    private readonly BargeInClock _bargeIns;
    private readonly TurnDetector _turns;
    private readonly EndpointPolicy _endpoints;
    private readonly bool _speculate;
    private readonly EchoDetector? _echo;
    private readonly Recording.CallRecorder? _recorder;
    private readonly UtteranceEchoCheck _echoCheck;
    private readonly int _sampleRate;
    private readonly int _frameSamples;
    private readonly TimeSpan _frameDuration;
    private readonly short[] _frame;
    private readonly float[] _frameFloats;
    private readonly Queue<short[]> _preRoll = new();
    private readonly int _preRollFrames;
    private readonly long _preRollTicks;
    private readonly long _minSpeechTicks;
    private readonly float _speechThreshold;
    private readonly long _silenceTimeoutFrames;

    private int _frameFill;
    private long _frameRecordedAt;
    private bool _frameEarly;
    private long _nonSpeechFrames;
    private UtteranceRecognition? _utterance;
    private int _utteranceSpeechFrames;
    private int _utteranceFrames;
    private bool _overlapping;
    private bool _bargedIn;
    private bool _cutOnSound;
    private string _agentSpeech = string.Empty;
    private string? _pausedOn;

    public Listener(
        IVoiceActivityDetector vad,
        Parley.Engines.Speech.RecognizerRoute hearing,
        VoiceSessionOptions options,
        bool silenceTimeoutEnabled,
        IListenerSink sink,
        TimeProvider? time = null,
        EchoDetector? echo = null,
        Recording.CallRecorder? recorder = null)
    {
        _recorder = recorder;
        _audio = Channel.CreateUnbounded<(short[], CaptureClock.Chunk)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _maxBacklogSamples = (long)(options.MaxAudioBacklog.TotalSeconds * vad.SampleRate);
        _vad = vad.CreateStream();
        _hearing = hearing;
        _sink = sink;
        _time = time ?? TimeProvider.System;
        _bargeIns = new BargeInClock(_time);
        _frameSamples = vad.FrameSamples;
        _frame = new short[_frameSamples];
        _frameFloats = new float[_frameSamples];
        var frameDuration = TimeSpan.FromSeconds((double)_frameSamples / vad.SampleRate);
        var endpoints = _endpoints = new EndpointPolicy(options);
        var byWords = hearing.Recognizer.Capabilities.InterimResults;
        _speculate = options.SpeculativeReplies && byWords;
        _overlap = new OverlapJudge(options, byWords, frameDuration);
        _turns = new TurnDetector(
            options,
            frameDuration,
            () => byWords ? endpoints.RequiredSilence(_utterance?.PartialText) : options.EndpointSilenceWithoutWords,
            () => _utterance?.EndOfTurn == true);
        _preRollFrames = (int)Math.Ceiling(options.PreRoll / frameDuration);
        _speechThreshold = options.SpeechThreshold;
        _echo = echo;
        _echoCheck = new UtteranceEchoCheck(echo, options.EchoLikeness, EchoJudgedOver);
        _sampleRate = vad.SampleRate;
        _capture = new CaptureClock(_time, vad.SampleRate);
        _preRollTicks = (long)(options.PreRoll.TotalSeconds * _time.TimestampFrequency);
        _minSpeechTicks = (long)(options.MinSpeech.TotalSeconds * _time.TimestampFrequency);
        _frameDuration = frameDuration;
        _silenceTimeoutFrames = silenceTimeoutEnabled ? (long)Math.Ceiling(options.ClientSilenceTimeout / frameDuration) : long.MaxValue;
    }

    /// <summary>Queues a chunk of microphone audio without waiting; false when <see cref="VoiceSessionOptions.MaxAudioBacklog"/> of audio is already waiting, or input is complete.</summary>
    /// <remarks>Never waits, so the receive loop that calls it always goes on to read the client's next frame (an <c>interrupt</c>, a <c>stop</c>).</remarks>
    public bool TryEnqueue(short[] samples)
    {
        if (Interlocked.Read(ref _backlogSamples) + samples.Length > _maxBacklogSamples)
        {
            return false;
        }

        if (!_audio.Writer.TryWrite((samples, _capture.ChunkArrived(samples.Length))))
        {
            return false;
        }

        Interlocked.Add(ref _backlogSamples, samples.Length);
        ParleyMetrics.BufferedBytes.Add(samples.Length * sizeof(short));
        return true;
    }

    /// <summary>Microphone audio queued and not yet heard.</summary>
    public TimeSpan Backlog => TimeSpan.FromSeconds((double)Interlocked.Read(ref _backlogSamples) / _sampleRate);

    /// <summary>No more audio will come; <see cref="RunAsync"/> finishes what it holds and returns.</summary>
    public void CompleteInput() => _audio.Writer.TryComplete();

    /// <summary>Processes audio until the input is completed or the token fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Not awaited here: a remote recogniser may take a moment to connect, and the listener hears meanwhile.
        _recognition = _hearing.Recognizer.OpenSessionAsync(new RecognitionSessionOptions { Model = _hearing.Model }, cancellationToken).AsTask();
        await foreach (var (chunk, capture) in _audio.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Add(ref _backlogSamples, -chunk.Length);
            ParleyMetrics.BufferedBytes.Add(-chunk.Length * sizeof(short));
            var offset = 0;
            while (offset < chunk.Length)
            {
                var take = Math.Min(_frameSamples - _frameFill, chunk.Length - offset);
                chunk.AsSpan(offset, take).CopyTo(_frame.AsSpan(_frameFill));
                _frameFill += take;
                offset += take;
                if (_frameFill == _frameSamples)
                {
                    _frameFill = 0;
                    // Recorded before the chunk's end, by as much audio as follows it in the chunk.
                    _frameRecordedAt = capture.RecordedUntil - (long)((double)(chunk.Length - offset) / _sampleRate * _time.TimestampFrequency);
                    _frameEarly = capture.Early;
                    await ProcessFrameAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // The session is ending: words said so far are kept, not answered.
        if (_utterance is not null)
        {
            var text = await FinishUtteranceAsync().ConfigureAwait(false);
            var kept = text.Length > 0 && !Dismissed(text);
            _recorder?.UtteranceEnded(kept);
            if (kept)
            {
                await _sink.OnUserSpokeAsync(text, sessionEnding: true).ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessFrameAsync(CancellationToken cancellationToken)
    {
        Pcm16.ToFloat(_frame, _frameFloats);
        if (!_frameEarly)
        {
            // Audio that came faster than real time has no trustworthy recording time to lay against the agent's.
            _echo?.AddHeard(_frameRecordedAt, _frame, _sampleRate);
        }

        // Every frame heard goes to the recording (the call's user side), in the order heard.
        _recorder?.UserFrame(_frame, _frameRecordedAt);
        var probability = _vad.Process(_frameFloats);
        TrackClientSilence(probability);

        var signal = _turns.Push(probability);
        if (_utterance is not null)
        {
            _utterance.Push(_frame);
        }
        else
        {
            KeepPreRoll();
        }

        if (signal == TurnSignal.SpeechStarted)
        {
            _bargeIns.SpeechStarted();
            _overlapping = _sink.AgentSpeech is not null;
            _bargedIn = false;
            _agentSpeech = _sink.AgentSpeech ?? string.Empty;
            _utteranceSpeechFrames = 0;
            _utteranceFrames = 0;
            _pausedOn = null;
            _echoCheck.Begin(_frameRecordedAt - _preRollTicks, _frameRecordedAt - _minSpeechTicks);
            _overlap.Begin();
            if (_overlapping)
            {
                await _sink.OnSpeechOverAgentAsync().ConfigureAwait(false);
            }
            else
            {
                await _sink.OnSpeechStartedAsync().ConfigureAwait(false);
            }

            // The utterance's clip starts as the recogniser's audio does: with the pre-roll (this frame its last).
            _recorder?.UtteranceBegan(_preRoll.Count);

            // Not awaited: while a decoder is found (or built), frames queue and the listener keeps hearing.
            _utterance = UtteranceRecognition.Begin(_recognition!, cancellationToken);
            while (_preRoll.TryDequeue(out var earlier))
            {
                _utterance.PushOwned(earlier);
            }

            // A voice over the agent stops it now, by its sound (see OverlapJudge); its words decide at the end.
            _cutOnSound = false;
            if (_overlapping && !_frameEarly)
            {
                _echoCheck.OnSpeech(_frameRecordedAt);
                await CutOnSoundIfVoiceAsync().ConfigureAwait(false);
            }
        }
        else if (signal == TurnSignal.SpeechEnded && _utterance is not null)
        {
            _pausedOn = null;
            var timings = TurnTimings.EndpointDecided(_time);
            var text = await FinishUtteranceAsync().ConfigureAwait(false);
            timings.SttFinal();
            var dismissed = text.Length == 0 || Dismissed(text);
            _recorder?.UtteranceEnded(kept: !dismissed);
            if (dismissed)
            {
                // A backchannel, the agent's own echo, or a noise: the agent talks on. If its partial words had cut the
                // agent off, they came to nothing in the end: it picks up where it was.
                await _sink.OnUtteranceDismissedAsync(_bargedIn || _cutOnSound).ConfigureAwait(false);
                return;
            }

            await _sink.OnUserSpokeAsync(text, sessionEnding: false, timings).ConfigureAwait(false);
        }
        else if (_utterance is not null)
        {
            _utteranceFrames++;
            if (probability >= _speechThreshold)
            {
                _utteranceSpeechFrames++;
                if (_frameEarly)
                {
                    _echoCheck.OnUnjudgedSpeech();
                }
                else
                {
                    _echoCheck.OnSpeech(_frameRecordedAt);
                }
            }

            if (_overlapping && !_bargedIn && !_cutOnSound)
            {
                await CutOnSoundIfVoiceAsync().ConfigureAwait(false);
            }

            // After a cut on sound the words still judge while the agent is audible (a paused phone line keeps it so).
            if (_overlapping && !_bargedIn && (!_cutOnSound || _sink.AgentSpeech is not null) && JudgeBargeIn(_utterance))
            {
                _bargedIn = true;
                await _sink.OnBargeInAsync(onSound: false).ConfigureAwait(false);
                _bargeIns.CutOff();
            }

            // Not over the agent: whether that speech takes the floor is for the endpoint to say.
            if (_speculate && !_overlapping)
            {
                await NoticePauseAsync(_utterance).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Tells the session when the user pauses after words that look finished (a reply may be prepared on them), and when they go on.</summary>
    /// <remarks>
    /// The pause begins at the first frame counted as silence, after the VAD's hang-over, as the endpoint silence does
    /// (which counts from the last frame of speech): the hang-over is waited once. The words are asked again on each
    /// silent frame, as the endpoint policy asks them: the recogniser's words lag the audio and may change in the pause.
    /// </remarks>
    private async ValueTask NoticePauseAsync(UtteranceRecognition utterance)
    {
        if (_turns.Pausing)
        {
            if (utterance.PartialText is { } words && words != _pausedOn && _endpoints.LooksFinished(words))
            {
                _pausedOn = words;
                await _sink.OnPauseBeganAsync(words).ConfigureAwait(false);
            }
        }
        else if (_pausedOn is not null)
        {
            _pausedOn = null;
            await _sink.OnSpeechResumedAsync().ConfigureAwait(false);
        }
    }

    private async Task CutOnSoundIfVoiceAsync()
    {
        if (_overlap.VoiceOverAgent(_echoCheck) && _sink.AgentSpeech is not null)
        {
            _cutOnSound = true;
            await _sink.OnBargeInAsync(onSound: true).ConfigureAwait(false);
            _bargeIns.CutOff();
        }
    }

    /// <summary>Whether a finished utterance is no turn: the agent's echo, or over the agent and not taking the floor.</summary>
    private bool Dismissed(string text)
        => _echoCheck.IsEcho || (_overlapping && !_overlap.FinalTakesTheFloor(text, _agentSpeech, UtteranceSpeech));

    private TimeSpan UtteranceSpeech => _utteranceSpeechFrames * _frameDuration;

    /// <summary>Whether the speech over the agent takes the floor now.</summary>
    private bool JudgeBargeIn(UtteranceRecognition utterance)
    {
        var agentSpeech = _sink.AgentSpeech;
        if (agentSpeech is null && _cutOnSound)
        {
            return false; // Silent because the user's voice cut it off: what they say is still judged as said over it.
        }

        if (agentSpeech is null)
        {
            // The agent finished meanwhile. Within the first moments of the user's speech, they were taking the turn
            // as it ended (people start a beat early): an ordinary turn. Later, what began over the agent is still
            // judged as such when it ends, so a backchannel that outlasts the agent's last word is not answered.
            _overlapping = _utteranceFrames > TurnTakenAtTheEndFrames;
            return false;
        }

        _agentSpeech = agentSpeech;
        return _overlap.TakesTheFloorNow(_overlap.ByWords ? utterance.PartialText : null, agentSpeech, UtteranceSpeech, _echoCheck);
    }

    private void KeepPreRoll()
    {
        var copy = _preRoll.Count >= _preRollFrames ? _preRoll.Dequeue() : new short[_frameSamples];
        _frame.CopyTo(copy, 0);
        _preRoll.Enqueue(copy);
    }

    private void TrackClientSilence(float probability)
    {
        _nonSpeechFrames = probability >= _speechThreshold ? 0 : _nonSpeechFrames + 1;
        if (_nonSpeechFrames == _silenceTimeoutFrames)
        {
            _sink.OnClientSilenceTimeout();
        }
    }

    private async Task<string> FinishUtteranceAsync()
    {
        await using var utterance = _utterance!;
        _utterance = null;
        return await utterance.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Frees the recogniser stream and the VAD state; call once <see cref="RunAsync"/> is over.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_utterance is { } utterance)
        {
            _utterance = null;
            await utterance.DisposeAsync().ConfigureAwait(false);
        }

        if (_recognition is not null)
        {
            try
            {
                await (await _recognition.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // It never opened; the failure was reported where the session ended.
            }
        }

        _vad.Dispose();
        while (_audio.Reader.TryRead(out var left))
        {
            Interlocked.Add(ref _backlogSamples, -left.Samples.Length);
            ParleyMetrics.BufferedBytes.Add(-left.Samples.Length * sizeof(short));
        }
    }
}
