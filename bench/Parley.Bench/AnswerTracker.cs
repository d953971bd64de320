using System.Globalization;
using Parley.Protocol;

namespace Parley.Bench;

/// <summary>What the receive loop has seen of the current turn's answer; shared with the microphone loop.</summary>
internal sealed class AnswerTracker
{
    private readonly Lock _gate = new();
    private readonly List<string> _errors = [];
    private double? _firstAudioMs;
    private double _lastAudioMs;
    private long _audioBytes;
    private int _audioRate = AudioFormats.OutputSampleRate;
    private string? _heard;
    private string? _answer;
    private double? _heardAtMs;
    private double? _answerTextAtMs;
    private PlaybackBuffer _playback = new();
    private double _earlierUnderrunMs;
    private double _earlierLongestUnderrunMs;
    private double? _interruptedAtMs;
    private double? _firstAudioAfterInterruptMs;

    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Closed { get; private set; }

    /// <summary>Forgets the previous answer; called as a new question starts.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _firstAudioMs = null;
            _lastAudioMs = 0;
            _audioBytes = 0;
            _heard = null;
            _answer = null;
            _heardAtMs = null;
            _answerTextAtMs = null;
            _playback = new PlaybackBuffer();
            _earlierUnderrunMs = 0;
            _earlierLongestUnderrunMs = 0;
            _interruptedAtMs = null;
            _firstAudioAfterInterruptMs = null;
        }
    }

    public void OnAudio(double atMs, string? base64, string? mimeType)
    {
        var bytes = Base64Length(base64);
        lock (_gate)
        {
            _firstAudioMs ??= atMs;
            _lastAudioMs = atMs;
            _audioBytes += bytes;
            _audioRate = RateOf(mimeType) ?? _audioRate;
            _playback.OnFrame(atMs, bytes / 2 * 1000.0 / _audioRate);
            if (_interruptedAtMs is not null)
            {
                _firstAudioAfterInterruptMs ??= atMs;
            }
        }
    }

    public void OnTranscript(double atMs, string role, string text)
    {
        lock (_gate)
        {
            if (role == Roles.User)
            {
                _heardAtMs ??= atMs;
                _heard = _heard is null ? text : $"{_heard} {text}";
            }
            else if (role == Roles.Agent)
            {
                _answerTextAtMs ??= atMs;
                _answer = _answer is null ? text : $"{_answer} {text}";
            }
        }
    }

    /// <summary>The server cut the answer off: audio after this is a new answer, played from an empty buffer.</summary>
    public void OnInterrupted(double atMs)
    {
        lock (_gate)
        {
            _interruptedAtMs ??= atMs;
            _earlierUnderrunMs += _playback.UnderrunMs;
            _earlierLongestUnderrunMs = Math.Max(_earlierLongestUnderrunMs, _playback.LongestUnderrunMs);
            _playback = new PlaybackBuffer();
        }
    }

    /// <summary>When <c>interrupted</c> arrived in this turn, and the first agent audio after it.</summary>
    public (double? InterruptedAtMs, double? FirstAudioAfterMs) Interruption()
    {
        lock (_gate)
        {
            return (_interruptedAtMs, _firstAudioAfterInterruptMs);
        }
    }

    /// <summary>How long the client's playback buffer ran dry in this turn's answers, in total and at most at once.</summary>
    public (double TotalMs, double LongestMs) Underrun()
    {
        lock (_gate)
        {
            return (_earlierUnderrunMs + _playback.UnderrunMs, Math.Max(_earlierLongestUnderrunMs, _playback.LongestUnderrunMs));
        }
    }

    public void OnError(string error)
    {
        lock (_gate)
        {
            _errors.Add(error);
        }
    }

    public void OnClosed()
    {
        Closed = true;
        Ready.TrySetException(new InvalidOperationException("the session closed before ready"));
        Ended.TrySetResult();
    }

    public (double? FirstMs, double LastMs, double AudioMs, string? Heard, string? Answer) Snapshot()
    {
        lock (_gate)
        {
            return (_firstAudioMs, _lastAudioMs, _audioBytes / 2 * 1000.0 / _audioRate, _heard, _answer);
        }
    }

    /// <summary>When the first user and agent <c>transcript</c> frames of the turn arrived.</summary>
    public (double? HeardAtMs, double? AnswerTextAtMs) TranscriptTimes()
    {
        lock (_gate)
        {
            return (_heardAtMs, _answerTextAtMs);
        }
    }

    public IReadOnlyList<string> Errors()
    {
        lock (_gate)
        {
            return [.. _errors];
        }
    }

    // Counting the decoded bytes without decoding keeps the client's CPU off the server's two cores.
    private static long Base64Length(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return 0;
        }

        var padding = base64.EndsWith("==", StringComparison.Ordinal) ? 2 : base64.EndsWith('=') ? 1 : 0;
        return base64.Length / 4 * 3 - padding;
    }

    private static int? RateOf(string? mimeType)
    {
        var at = mimeType?.IndexOf("rate=", StringComparison.Ordinal) ?? -1;
        return at >= 0 && int.TryParse(mimeType.AsSpan(at + 5), NumberStyles.None, CultureInfo.InvariantCulture, out var rate) && rate > 0
            ? rate
            : null;
    }
}
