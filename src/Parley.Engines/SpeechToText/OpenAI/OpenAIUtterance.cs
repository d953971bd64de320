using Microsoft.Extensions.AI;
using OpenAI.Audio;
using Parley.Engines.Audio;
using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText.OpenAI;

/// <summary>One utterance for a transcription server: kept while spoken, uploaded as a WAV when it completes.</summary>
internal sealed class OpenAIUtterance(OpenAIRecognizer engine, ISpeechToTextClient client, string model, string? language) : IUtteranceRecognition
{
    private readonly UtteranceAudio _audio = new((int)(engine.Options.MaxUtterance.TotalSeconds * OpenAIRecognizer.SampleRate));
    private SpeechEngineException? _refused;
    private Task<string>? _completion;

    public bool EndOfTurn => false;

    /// <remarks>
    /// Audio past <see cref="OpenAIRecognizerOptions.MaxUtterance"/> is refused rather than cut: the server would hear a
    /// sentence without its end and answer as if that were all. The error is not retryable with this engine; a wrapper
    /// may fall back to one that streams.
    /// </remarks>
    public void Push(ReadOnlySpan<short> samples)
    {
        if (_completion is not null)
        {
            throw new InvalidOperationException("The utterance was completed; begin another.");
        }

        if (_refused is not null)
        {
            throw _refused;
        }

        if (!_audio.TryAppend(samples))
        {
            _refused = new SpeechEngineException(
                $"{engine.Name} takes utterances of at most {engine.Options.MaxUtterance.TotalSeconds:0.#} s (MaxUtterance); this one is longer, so it was refused rather than cut.")
            {
                Engine = engine.Name,
                Retryable = false,
            };
            throw _refused;
        }
    }

    public string? GetPartialText() => null;

    /// <remarks>An utterance without audio completes empty without a request. Completing twice gives the same text.</remarks>
    public Task<string> CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_refused is not null)
        {
            return Task.FromException<string>(_refused);
        }

        return _completion ??= _audio.Count == 0 ? Task.FromResult(string.Empty) : TranscribeAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<string> TranscribeAsync(CancellationToken cancellationToken)
    {
        var timeout = engine.Options.RequestTimeout;
        using var timer = new CancellationTokenSource(timeout, engine.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var wav = new MemoryStream(WavEncoder.Encode(_audio.Samples, OpenAIRecognizer.SampleRate), writable: false);
        try
        {
            var response = await client.GetTextAsync(wav, RequestOptions(), linked.Token).ConfigureAwait(false);
            return response.Text?.Trim() ?? string.Empty;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw timer.IsCancellationRequested
                ? SpeechEngineFailures.TimedOut(engine.Name, "did not transcribe the utterance", timeout, ex)
                : SpeechEngineFailures.FromClient(engine.Name, ex);
        }
    }

    private SpeechToTextOptions RequestOptions()
    {
        var format = engine.Options.ResponseFormat == "verbose_json" ? AudioTranscriptionFormat.Verbose : AudioTranscriptionFormat.Simple;
        return new SpeechToTextOptions
        {
            ModelId = model,
            SpeechLanguage = language,
            SpeechSampleRate = OpenAIRecognizer.SampleRate,
            // The adapter takes the answer format from here (older versions) or from the raw options (newer ones).
            AdditionalProperties = new AdditionalPropertiesDictionary { ["ResponseFormat"] = format },
            RawRepresentationFactory = _ => new AudioTranscriptionOptions { ResponseFormat = format, Language = language },
        };
    }
}
