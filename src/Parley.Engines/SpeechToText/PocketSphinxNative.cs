using System.Runtime.InteropServices;

namespace Parley.Engines.SpeechToText;

/// <summary>P/Invoke bindings for PocketSphinx and SphinxBase 5prealpha (Debian <c>libpocketsphinx3</c>, <c>libsphinxbase3</c>).</summary>
internal static unsafe partial class PocketSphinxNative
{
    private const string PocketSphinx = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    /// <summary>The argument definitions the decoder understands, for <see cref="cmd_ln_parse_r"/>.</summary>
    [LibraryImport(PocketSphinx)]
    public static partial nint ps_args();

    /// <summary>Creates a decoder; retains <paramref name="config"/>. Returns null on failure.</summary>
    [LibraryImport(PocketSphinx)]
    public static partial nint ps_init(nint config);

    /// <summary>Releases a decoder and its reference to its config.</summary>
    [LibraryImport(PocketSphinx)]
    public static partial int ps_free(nint decoder);

    /// <summary>Starts a new stream of speech: forgets the noise level the front end tracked; negative on failure.</summary>
    [LibraryImport(PocketSphinx)]
    public static partial int ps_start_stream(nint decoder);

    /// <summary>Starts an utterance; negative on failure.</summary>
    [LibraryImport(PocketSphinx)]
    public static partial int ps_start_utt(nint decoder);

    /// <summary>Decodes raw 16-bit samples; returns frames searched, negative on failure.</summary>
    [LibraryImport(PocketSphinx)]
    public static partial int ps_process_raw(nint decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    /// <summary>Ends the utterance and finalises the search; negative on failure.</summary>
    [LibraryImport(PocketSphinx)]
    public static partial int ps_end_utt(nint decoder);

    /// <summary>The best hypothesis so far, owned by the decoder (valid until its next call); may be null.</summary>
    [LibraryImport(PocketSphinx)]
    public static partial byte* ps_get_hyp(nint decoder, int* bestScore);

    /// <summary>The decoder's feature computation (<c>feat_t*</c>), owned by the decoder.</summary>
    [LibraryImport(PocketSphinx)]
    public static partial nint ps_get_feat(nint decoder);

    /// <summary>Parses argv (name, value pairs) into a config. The argv strings must outlive the config: its hash table keys point into them.</summary>
    [LibraryImport(SphinxBase)]
    public static partial nint cmd_ln_parse_r(nint config, nint definitions, int argc, byte** argv, int strict);

    /// <summary>Sets the live cepstral means to the average of the frames counted so far (<c>cmn_t*</c>).</summary>
    [LibraryImport(SphinxBase)]
    public static partial void cmn_live_update(nint cmn);

    /// <summary>Releases one reference to a config.</summary>
    [LibraryImport(SphinxBase)]
    public static partial int cmd_ln_free_r(nint config);

    /// <summary>Sends SphinxBase's process-wide log to a file; negative on failure.</summary>
    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int err_set_logfile(string path);
}
