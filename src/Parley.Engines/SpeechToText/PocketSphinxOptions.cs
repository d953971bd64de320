namespace Parley.Engines.SpeechToText;

/// <summary>Configuration of the PocketSphinx recogniser and its decoder pool.</summary>
public sealed record PocketSphinxOptions
{
    /// <summary>Where Debian's <c>pocketsphinx-en-us</c> installs the US English model.</summary>
    public const string DefaultModelDirectory = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Folder holding <c>en-us/</c> (acoustic model), <c>en-us.lm.bin</c> and <c>cmudict-en-us.dict</c>.</summary>
    public string ModelDirectory { get; init; } = DefaultModelDirectory;

    /// <summary>Decoders created at construction, so the first utterances do not wait ~0.4 s for one.</summary>
    public int MinDecoders { get; init; } = 1;

    /// <summary>Most decoders alive at once (each holds tens of MB); further streams wait for one to be returned.</summary>
    public int MaxDecoders { get; init; } = 8;

    /// <summary>How long decoders beyond <see cref="MinDecoders"/> may stay unused before they are freed, one spare kept (checked once per this period); <see cref="Timeout.InfiniteTimeSpan"/> keeps every decoder built.</summary>
    /// <remarks>A burst of callers grows the pool up to <see cref="MaxDecoders"/>; without this the memory stays taken after the burst.</remarks>
    public TimeSpan IdleDecoderTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Further decoder arguments as name, value pairs (e.g. <c>"-kws_threshold", "1e-20"</c>); they override the defaults.</summary>
    /// <remarks><c>-logfn</c> is refused: the log is process-wide and the recogniser silences it once.</remarks>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
