using Microsoft.Extensions.Logging;
using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText;

/// <summary>A local streaming recogniser's words drive turn-taking while a remote one (batch or streaming) gives each utterance's final text.</summary>
/// <remarks>
/// Every utterance goes to both: partial words come from <paramref name="local"/> as the user speaks (barge-in and
/// endpointing need them at once), the final text from <paramref name="remote"/>, and when the remote one fails the local
/// final is already there (no replay, no wait) — unless <paramref name="fallBack"/> is off, when its failure stands. The
/// default for a remote recogniser without interim results.
/// </remarks>
public sealed partial class HybridSpeechRecognizer(ISpeechRecognizer local, ISpeechRecognizer remote, ILogger logger, bool fallBack = true) : ISpeechRecognizer
{
    private readonly bool _fallBack = fallBack;

    public string Name => remote.Name;

    public RecognizerCapabilities Capabilities { get; } = new(
        InterimResults: local.Capabilities.InterimResults,
        EndOfTurnEvents: remote.Capabilities.EndOfTurnEvents,
        SampleRate: local.Capabilities.SampleRate,
        Remote: true);

    public async ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var localSession = await local.OpenSessionAsync(null, cancellationToken).ConfigureAwait(false);
        try
        {
            return new Session(this, localSession, await remote.OpenSessionAsync(options, cancellationToken).ConfigureAwait(false));
        }
        catch (SpeechEngineException ex) when (_fallBack)
        {
            FellBack(ex);
            return new Session(this, localSession, remoteSession: null);
        }
        catch
        {
            await localSession.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void FellBack(SpeechEngineException exception)
    {
        if (!_fallBack)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
        }

        LogFellBack(logger, exception, remote.Name, local.Name);
        EngineMetrics.Fallbacks.Add(1, EngineMetrics.Engine(remote.Name), EngineMetrics.Direction("stt"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech recogniser {Engine} failed; the words {Local} heard are used.")]
    private static partial void LogFellBack(ILogger logger, Exception exception, string engine, string local);

    private sealed class Session(HybridSpeechRecognizer owner, IRecognitionSession localSession, IRecognitionSession? remoteSession) : IRecognitionSession
    {
        public async ValueTask<IUtteranceRecognition> BeginUtteranceAsync(CancellationToken cancellationToken = default)
        {
            var localUtterance = await localSession.BeginUtteranceAsync(cancellationToken).ConfigureAwait(false);
            if (remoteSession is null)
            {
                return new Utterance(owner, localUtterance, remote: null);
            }

            try
            {
                return new Utterance(owner, localUtterance, await remoteSession.BeginUtteranceAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (SpeechEngineException ex) when (owner._fallBack)
            {
                owner.FellBack(ex);
                return new Utterance(owner, localUtterance, remote: null);
            }
            catch
            {
                await localUtterance.DisposeAsync().ConfigureAwait(false); // Nobody else holds it.
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await localSession.DisposeAsync().ConfigureAwait(false);
            if (remoteSession is not null)
            {
                await remoteSession.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class Utterance(HybridSpeechRecognizer owner, IUtteranceRecognition local, IUtteranceRecognition? remote) : IUtteranceRecognition
    {
        private SpeechEngineException? _remoteFailure;

        public bool EndOfTurn => _remoteFailure is null && remote?.EndOfTurn == true;

        public void Push(ReadOnlySpan<short> samples)
        {
            local.Push(samples);
            if (remote is null || _remoteFailure is not null)
            {
                return;
            }

            try
            {
                remote.Push(samples);
            }
            catch (SpeechEngineException ex)
            {
                _remoteFailure = ex;
            }
        }

        public string? GetPartialText() => local.GetPartialText();

        public async Task<string> CompleteAsync(CancellationToken cancellationToken = default)
        {
            // Both at once: the local final (a few ms) is ready by the time the remote one is known to have failed.
            var localFinal = local.CompleteAsync(cancellationToken);
            if (remote is not null && _remoteFailure is null)
            {
                try
                {
                    var text = await remote.CompleteAsync(cancellationToken).ConfigureAwait(false);
                    await IgnoreFailureAsync(localFinal).ConfigureAwait(false);
                    return text;
                }
                catch (SpeechEngineException ex)
                {
                    _remoteFailure = ex;
                }
            }

            if (_remoteFailure is not null)
            {
                owner.FellBack(_remoteFailure);
            }

            return await localFinal.ConfigureAwait(false);
        }

        // The remote final stands; the local one was only there in case it did not.
        private static async Task IgnoreFailureAsync(Task<string> localFinal)
        {
            try
            {
                await localFinal.ConfigureAwait(false);
            }
            catch (SpeechEngineException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await local.DisposeAsync().ConfigureAwait(false);
            if (remote is not null)
            {
                await remote.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
