using Microsoft.Extensions.Logging;
using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText;

/// <summary>Hears an utterance the primary recogniser fails on with another one: the utterance's audio is kept and replayed into it.</summary>
/// <remarks>
/// A retryable failure (a timeout, a stall, 5xx, a dropped connection) is first tried again on the primary, replaying the
/// audio into a fresh utterance, up to <paramref name="maxRetries"/> times. Audio past <paramref name="maxReplay"/> is not
/// kept, so a replay then hears the utterance's start. While the primary has failed, the utterance gives no partial words.
/// </remarks>
public sealed partial class FallbackSpeechRecognizer(
    ISpeechRecognizer primary, ISpeechRecognizer fallback, ILogger logger, int maxRetries = 1, TimeSpan? maxReplay = null) : DelegatingSpeechRecognizer(primary)
{
    private readonly int _maxReplaySamples = (int)((maxReplay ?? TimeSpan.FromSeconds(60)).TotalSeconds * primary.Capabilities.SampleRate);
    private readonly ISpeechRecognizer _fallback = fallback;
    private readonly ILogger _logger = logger;
    private readonly int _maxRetries = maxRetries;

    public override async ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return new Session(this, await base.OpenSessionAsync(options, cancellationToken).ConfigureAwait(false), options);
        }
        catch (SpeechEngineException ex)
        {
            LogSessionFellBack(_logger, ex, Name, _fallback.Name);
            Count();
            return new Session(this, primary: null, options);
        }
    }

    private void Count() => EngineMetrics.Fallbacks.Add(1, EngineMetrics.Engine(Name), EngineMetrics.Direction("stt"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech recogniser {Engine} could not serve a call; {Fallback} hears it instead.")]
    private static partial void LogSessionFellBack(ILogger logger, Exception exception, string engine, string fallback);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech recogniser {Engine} failed an utterance (failure {Attempt}); {Next} hears it again.")]
    private static partial void LogUtteranceFailed(ILogger logger, Exception exception, string engine, int attempt, string next);

    private sealed class Session(FallbackSpeechRecognizer owner, IRecognitionSession? primary, RecognitionSessionOptions? options) : IRecognitionSession
    {
        private IRecognitionSession? _fallback;

        public async ValueTask<IUtteranceRecognition> BeginUtteranceAsync(CancellationToken cancellationToken = default)
        {
            if (primary is not null)
            {
                try
                {
                    return new Utterance(this, await primary.BeginUtteranceAsync(cancellationToken).ConfigureAwait(false));
                }
                catch (SpeechEngineException ex)
                {
                    LogUtteranceFailed(owner._logger, ex, owner.Name, 1, owner._fallback.Name);
                    owner.Count();
                }
            }

            return await (await FallbackAsync(cancellationToken).ConfigureAwait(false)).BeginUtteranceAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            if (primary is not null)
            {
                await primary.DisposeAsync().ConfigureAwait(false);
            }

            if (_fallback is not null)
            {
                await _fallback.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Hears a failed utterance's audio again: on the primary while retries are left and its failures are retryable, then on the fallback.</summary>
        internal async ValueTask<string> HearAgainAsync(List<short[]> audio, SpeechEngineException failure, CancellationToken cancellationToken)
        {
            var retriesLeft = failure.Retryable ? owner._maxRetries : 0;
            while (retriesLeft-- > 0 && primary is not null)
            {
                LogUtteranceFailed(owner._logger, failure, owner.Name, owner._maxRetries - retriesLeft, owner.Name);
                try
                {
                    return await ReplayAsync(primary, audio, cancellationToken).ConfigureAwait(false);
                }
                catch (SpeechEngineException ex)
                {
                    failure = ex;
                    if (!ex.Retryable)
                    {
                        break;
                    }
                }
            }

            LogUtteranceFailed(owner._logger, failure, owner.Name, owner._maxRetries + 1, owner._fallback.Name);
            owner.Count();
            return await ReplayAsync(await FallbackAsync(cancellationToken).ConfigureAwait(false), audio, cancellationToken).ConfigureAwait(false);
        }

        internal int MaxReplaySamples => owner._maxReplaySamples;

        private static async Task<string> ReplayAsync(IRecognitionSession session, List<short[]> audio, CancellationToken cancellationToken)
        {
            await using var utterance = await session.BeginUtteranceAsync(cancellationToken).ConfigureAwait(false);
            foreach (var chunk in audio)
            {
                utterance.Push(chunk);
            }

            return await utterance.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        private async ValueTask<IRecognitionSession> FallbackAsync(CancellationToken cancellationToken)
            => _fallback ??= await owner._fallback.OpenSessionAsync(options, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Utterance(Session session, IUtteranceRecognition primary) : IUtteranceRecognition
    {
        private readonly List<short[]> _audio = [];
        private int _kept;
        private SpeechEngineException? _failure;

        public bool EndOfTurn => _failure is null && primary.EndOfTurn;

        public void Push(ReadOnlySpan<short> samples)
        {
            if (_kept + samples.Length <= session.MaxReplaySamples)
            {
                _audio.Add(samples.ToArray());
                _kept += samples.Length;
            }

            if (_failure is not null)
            {
                return;
            }

            try
            {
                primary.Push(samples);
            }
            catch (SpeechEngineException ex)
            {
                _failure = ex;
            }
        }

        public string? GetPartialText() => _failure is null ? primary.GetPartialText() : null;

        public async Task<string> CompleteAsync(CancellationToken cancellationToken = default)
        {
            if (_failure is null)
            {
                try
                {
                    return await primary.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SpeechEngineException ex)
                {
                    _failure = ex;
                }
            }

            return await session.HearAgainAsync(_audio, _failure, cancellationToken).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => primary.DisposeAsync();
    }
}
