using Parley.Engines.SpeechToText;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>One utterance of <see cref="ScriptedSpeechRecognizer"/>: a word of its phrase for every <see cref="FramesPerWord"/> loud frames pushed.</summary>
/// <remarks>With <paramref name="finalWord"/>, the final has that word more than the words heard (when any were).</remarks>
internal sealed class ScriptedRecognitionStream(string phrase, EngineLedger ledger, FaultPlan faults, RecognizerCapabilities capabilities, string? finalWord = null) : IUtteranceRecognition
{
    public const int FramesPerWord = 3;

    private readonly string[] _words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    private int _loudFrames;
    private int _quietFramesAfterLastWord;
    private bool _completed;
    private bool _disposed;

    public bool EndOfTurn => capabilities.EndOfTurnEvents && _words.Length > 0 && Heard.Length == _words.Length && _quietFramesAfterLastWord >= 2;

    private string[] Heard => [.. _words.Take(_loudFrames / FramesPerWord)];

    public void Push(ReadOnlySpan<short> samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("Push after Complete.");
        }

        faults.Hit(FaultPoint.RecognizerPush);
        double sum = 0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        var rms = samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length) / 32768.0;
        if (rms >= ScriptedVoiceActivityDetector.LoudRms)
        {
            _loudFrames++;
            _quietFramesAfterLastWord = 0;
        }
        else
        {
            _quietFramesAfterLastWord++;
        }
    }

    public string? GetPartialText()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return capabilities.InterimResults ? string.Join(' ', Heard) : null;
    }

    public Task<string> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        faults.Hit(FaultPoint.RecognizerComplete);
        _completed = true;
        var heard = Heard;
        return Task.FromResult(string.Join(' ', finalWord is not null && heard.Length > 0 ? [.. heard, finalWord] : heard));
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            ledger.RecognitionStreamClosed();
        }

        return ValueTask.CompletedTask;
    }
}
