namespace Parley.Engines.SpeechToText;

/// <summary>Configuration of the PocketSphinx recogniser.</summary>
public sealed record PocketSphinxOptions
{
    /// <summary>Where Debian's <c>pocketsphinx-en-us</c> installs the US English model.</summary>
    public const string DefaultModelDirectory = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Where decoding happens: in forked helper processes (the default) or in the server's own process.</summary>
    public PocketSphinxMode Mode { get; init; } = PocketSphinxMode.Forked;

    /// <summary>Folder holding <c>en-us/</c> (acoustic model), <c>en-us.lm.bin</c> and <c>cmudict-en-us.dict</c>.</summary>
    public string ModelDirectory { get; init; } = DefaultModelDirectory;

    /// <summary>Decoders ready before they are needed: in process, built at construction (~0.4 s and ~95 MiB each); forked, copies waiting for a stream (at least one; a few MiB each until used).</summary>
    public int MinDecoders { get; init; } = 1;

    /// <summary>Most streams decoding at once (in-process: decoders alive, each ~95 MiB); further streams wait for one to end.</summary>
    public int MaxDecoders { get; init; } = 8;

    /// <summary>How long decoders beyond <see cref="MinDecoders"/> may stay unused before they are freed, one spare kept (checked once per this period); <see cref="Timeout.InfiniteTimeSpan"/> keeps every decoder built.</summary>
    /// <remarks>A burst of callers grows the pool up to <see cref="MaxDecoders"/>; without this the memory stays taken after the burst.</remarks>
    public TimeSpan IdleDecoderTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Further decoder arguments as name, value pairs (e.g. <c>"-kws_threshold", "1e-20"</c>); they override the defaults.</summary>
    /// <remarks><c>-logfn</c> is refused: the log is process-wide and the recogniser silences it once.</remarks>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Forked mode: the helper program; when null, <c>pocketsphinx/parley-pocketsphinx-helper</c> in the models folder setup fills.</summary>
    public string? HelperPath { get; init; }

    /// <summary>Forked mode: how long a decoder process may take to answer (a hypothesis, a final text, taking audio) before the stream fails.</summary>
    /// <remarks>
    /// It catches a decoder that hangs, not one that is slow: on two cores shared with ~60 runnable tasks a decoder took
    /// 9 s to answer for 2 s of speech (an in-process decoder is as slow there, with no deadline), so 10 s failed
    /// streams that were only starved of CPU.
    /// </remarks>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Forked mode: how long the helper (its built decoder and spares, ~80 MiB) runs on after the last call using it ended; <see cref="Timeout.InfiniteTimeSpan"/> keeps it running from start-up.</summary>
    /// <remarks>
    /// When finite, the helper is built at start-up only to check the configuration and then stopped, so an idle server
    /// holds no decoder; a call starts it as the call starts (~0.3-0.4 s, under the greeting). Speech heard before it is
    /// ready is kept and decoded as soon as it is, faster than real time, so such a turn is answered, only later.
    /// </remarks>
    public TimeSpan HelperIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Forked mode: how long the helper may take to build its decoder and start listening.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
