using System.Runtime.InteropServices;

namespace Parley.Engines.SpeechToText;

/// <summary>One native PocketSphinx decoder with its config; used by one stream at a time.</summary>
internal sealed unsafe class PocketSphinxDecoder : IDisposable
{
    // SphinxBase keeps its log and some tables in globals, and its reference counts are plain integers: building and
    // freeing decoders one at a time keeps ps_init and ps_free away from races they were never written for. Both are
    // rare (pool growth and shrinking), so the cost is only queueing.
    internal static readonly Lock LifecycleGate = new();
    private static bool _logSilenced;

    private readonly nint _decoder;
    private readonly nint _config;
    private readonly NativeArguments _arguments;
    private readonly PocketSphinxCepstralNormalisation _normalisation;
    private int _samplesUntilAdapt;
    private bool _disposed;

    private PocketSphinxDecoder(nint decoder, nint config, NativeArguments arguments, PocketSphinxCepstralNormalisation initialNormalisation)
    {
        _decoder = decoder;
        _config = config;
        _arguments = arguments;
        _normalisation = initialNormalisation;
    }

    /// <summary>Whether an utterance is open (started and not yet ended).</summary>
    public bool InUtterance { get; private set; }

    /// <summary>Builds the config from name, value pairs and creates a decoder; throws when PocketSphinx refuses.</summary>
    public static PocketSphinxDecoder Create(IReadOnlyList<string> arguments)
    {
        lock (LifecycleGate)
        {
            SilenceLogOnce();
            var native = new NativeArguments(arguments);
            var config = PocketSphinxNative.cmd_ln_parse_r(0, PocketSphinxNative.ps_args(), native.Count, native.Argv, 1);
            if (config == 0)
            {
                native.Dispose();
                throw new InvalidOperationException(
                    $"PocketSphinx rejected its arguments: {string.Join(' ', arguments)}");
            }

            var decoder = PocketSphinxNative.ps_init(config);
            if (decoder == 0)
            {
                _ = PocketSphinxNative.cmd_ln_free_r(config);
                native.Dispose();
                throw new InvalidOperationException(
                    $"PocketSphinx could not create a decoder (are the model files there?): {string.Join(' ', arguments)}");
            }

            try
            {
                return new PocketSphinxDecoder(decoder, config, native, PocketSphinxCepstralNormalisation.Capture(decoder));
            }
            catch
            {
                _ = PocketSphinxNative.ps_free(decoder);
                _ = PocketSphinxNative.cmd_ln_free_r(config);
                native.Dispose();
                throw;
            }
        }
    }

    /// <summary>Forgets what earlier utterances taught it about the channel, as when the decoder was built.</summary>
    /// <remarks>
    /// For a decoder passed to another caller: the same words must be heard the same whoever spoke before. Two things
    /// adapt across utterances: the front end's noise level (<c>ps_start_stream</c> resets it) and the cepstral means
    /// (see <see cref="PocketSphinxCepstralNormalisation"/>).
    /// </remarks>
    public void ResetForNewStream()
    {
        if (InUtterance)
        {
            throw new InvalidOperationException("A decoder can only be reset between utterances.");
        }

        Check(PocketSphinxNative.ps_start_stream(_decoder), "ps_start_stream");
        _normalisation.Restart();
    }

    /// <summary>Starts an utterance.</summary>
    public void StartUtterance()
    {
        Check(PocketSphinxNative.ps_start_utt(_decoder), "ps_start_utt");
        InUtterance = true;
        _samplesUntilAdapt = PocketSphinxCepstralNormalisation.AdaptEverySamples;
    }

    /// <summary>Decodes samples of the open utterance.</summary>
    public void Process(ReadOnlySpan<short> samples)
    {
        // Cut at fixed positions of the utterance, so the means adapt at the same audio however it was pushed.
        while (!samples.IsEmpty)
        {
            var piece = samples[..Math.Min(samples.Length, _samplesUntilAdapt)];
            fixed (short* data = piece)
            {
                Check(PocketSphinxNative.ps_process_raw(_decoder, data, (nuint)piece.Length, 0, 0), "ps_process_raw");
            }

            samples = samples[piece.Length..];
            _samplesUntilAdapt -= piece.Length;
            if (_samplesUntilAdapt == 0)
            {
                _normalisation.Adapt();
                _samplesUntilAdapt = PocketSphinxCepstralNormalisation.AdaptEverySamples;
            }
        }
    }

    /// <summary>Ends the open utterance, finalising the search.</summary>
    public void EndUtterance()
    {
        InUtterance = false;
        Check(PocketSphinxNative.ps_end_utt(_decoder), "ps_end_utt");
    }

    /// <summary>The best hypothesis so far, or the final one after <see cref="EndUtterance"/>; empty when none.</summary>
    public string GetHypothesis() => GetHypothesis(out _);

    /// <summary>As <see cref="GetHypothesis()"/>, with the path score (for tests that compare decodings exactly).</summary>
    public string GetHypothesis(out int score)
    {
        int best;
        var text = PocketSphinxNative.ps_get_hyp(_decoder, &best);
        score = best;

        // The string belongs to the decoder: copy it, never free it.
        return text is null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (LifecycleGate)
        {
            // Both return the remaining reference count, which tells nothing useful here.
            _ = PocketSphinxNative.ps_free(_decoder);
            _ = PocketSphinxNative.cmd_ln_free_r(_config);
        }

        // Only now: the config's keys pointed into these strings until it was freed.
        _arguments.Dispose();
    }

    private static void Check(int result, string function)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"PocketSphinx {function} failed ({result}).");
        }
    }

    // Once per process, before any decoder exists: passing -logfn to each decoder instead would make every creation
    // close and reopen the global log file while other decoders may be writing to it.
    private static void SilenceLogOnce()
    {
        if (_logSilenced)
        {
            return;
        }

        if (PocketSphinxNative.err_set_logfile("/dev/null") < 0)
        {
            throw new InvalidOperationException("PocketSphinx could not send its log to /dev/null.");
        }

        _logSilenced = true;
    }
}
