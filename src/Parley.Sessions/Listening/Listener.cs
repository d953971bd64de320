using System.Threading.Channels;
using Parley.Engines.Audio;
using Parley.Engines.SpeechToText;
using Parley.Engines.VoiceActivity;

namespace Parley.Sessions.Listening;

/// <summary>Hears the user: VAD on every frame, the recogniser fed while they speak, turns reported to the session.</summary>
/// <remarks>
/// The recogniser stream is opened at speech onset (with the pre-roll that came before it) and fed frame by
/// frame, so at the endpoint only the last frames remain to decode. Decoders are pooled by the engine, so a
/// silent session holds none.
/// </remarks>
internal sealed class Listener : IDisposable
{
    private readonly Channel<short[]> _audio;
    private readonly IVoiceActivityStream _vad;
    private readonly ISpeechRecognizer _recognizer;
    private readonly IListenerSink _sink;
    private readonly TurnDetector _turns;
    private readonly int _frameSamples;
    private readonly short[] _frame;
    private readonly float[] _frameFloats;
    private readonly Queue<short[]> _preRoll = new();
    private readonly int _preRollFrames;
    private readonly float _speechThreshold;
    private readonly long _silenceTimeoutFrames;
    private int _frameFill;
    private long _nonSpeechFrames;
    private ISpeechRecognitionStream? _utterance;
    private readonly int _bargeInMinFrames;
    private int _utteranceFrames;

    // Speech that began while the agent was talking: a barge-in only once it proves to be more than a backchannel or echo.
    private const int StablePartialFrames = 3;

    private bool _overlapping;
    private bool _bargedIn;
    private string? _lastPartial;
    private int _stablePartialFrames;

    public Listener(
        IVoiceActivityDetector vad,
        ISpeechRecognizer recognizer,
        VoiceSessionOptions options,
        bool silenceTimeoutEnabled,
        IListenerSink sink)
    {
        _audio = Channel.CreateBounded<short[]>(new BoundedChannelOptions(options.AudioQueueChunks) { SingleReader = true, SingleWriter = true });
        _vad = vad.CreateStream();
        _recognizer = recognizer;
        _sink = sink;
        _frameSamples = vad.FrameSamples;
        _frame = new short[_frameSamples];
        _frameFloats = new float[_frameSamples];
        var frameDuration = TimeSpan.FromSeconds((double)_frameSamples / vad.SampleRate);
        var endpoints = new EndpointPolicy(options);
        _turns = new TurnDetector(options, frameDuration, () => endpoints.RequiredSilence(_utterance?.GetPartialText()));
        _preRollFrames = (int)Math.Ceiling(options.PreRoll / frameDuration);
        _speechThreshold = options.SpeechThreshold;
        _bargeInMinFrames = (int)Math.Ceiling(options.BargeInMinSpeech / frameDuration);
        _silenceTimeoutFrames = silenceTimeoutEnabled ? (long)Math.Ceiling(options.ClientSilenceTimeout / frameDuration) : long.MaxValue;
    }

    /// <summary>Queues a chunk of microphone audio; waits when the listener is far behind.</summary>
    public ValueTask EnqueueAsync(short[] samples, CancellationToken cancellationToken) => _audio.Writer.WriteAsync(samples, cancellationToken);

    /// <summary>No more audio will come; <see cref="RunAsync"/> finishes what it holds and returns.</summary>
    public void CompleteInput() => _audio.Writer.TryComplete();

    /// <summary>Processes audio until the input is completed or the token fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var chunk in _audio.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
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
                    await ProcessFrameAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // The session is ending: words said so far are kept, not answered.
        if (_utterance is not null)
        {
            var text = FinishUtterance();
            if (text.Length > 0)
            {
                await _sink.OnUserSpokeAsync(text, sessionEnding: true).ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessFrameAsync(CancellationToken cancellationToken)
    {
        Pcm16.ToFloat(_frame, _frameFloats);
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
            _overlapping = _sink.AgentSpeech is not null;
            _bargedIn = false;
            _utteranceFrames = 0;
            _lastPartial = null;
            if (!_overlapping)
            {
                _sink.OnSpeechStarted();
            }

            _utterance = await _recognizer.OpenStreamAsync(cancellationToken).ConfigureAwait(false);
            while (_preRoll.TryDequeue(out var earlier))
            {
                _utterance.Push(earlier);
            }
        }
        else if (signal == TurnSignal.SpeechEnded && _utterance is not null)
        {
            var text = FinishUtterance();
            if (_overlapping && !_bargedIn && !BargeInJudge.TakesTheFloor(text, _sink.AgentSpeech ?? string.Empty))
            {
                return; // A backchannel, the agent's own echo, or a noise: the agent talks on.
            }

            if (text.Length > 0)
            {
                await _sink.OnUserSpokeAsync(text, sessionEnding: false).ConfigureAwait(false);
            }
        }
        else if (_overlapping && !_bargedIn && _utterance is not null && ++_utteranceFrames >= _bargeInMinFrames)
        {
            JudgeBargeIn(_utterance);
        }
    }

    private void JudgeBargeIn(ISpeechRecognitionStream utterance)
    {
        var agentSpeech = _sink.AgentSpeech;
        if (agentSpeech is null)
        {
            _overlapping = false; // The agent finished meanwhile: this is an ordinary turn.
            return;
        }

        // Early partial hypotheses flicker ("poke" before "okay"): judge only one that held for a few frames.
        var partial = utterance.GetPartialText();
        _stablePartialFrames = partial == _lastPartial ? _stablePartialFrames + 1 : 1;
        _lastPartial = partial;
        if (_stablePartialFrames >= StablePartialFrames && BargeInJudge.TakesTheFloor(partial, agentSpeech))
        {
            _bargedIn = true;
            _sink.OnBargeIn();
        }
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

    private string FinishUtterance()
    {
        using var utterance = _utterance!;
        _utterance = null;
        return utterance.Complete().Trim();
    }

    public void Dispose()
    {
        _utterance?.Dispose();
        _utterance = null;
        _vad.Dispose();
    }
}
