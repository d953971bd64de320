namespace Parley.Engines.SpeechToText;

/// <summary>Where PocketSphinx decodes (<c>Parley:Engines:PocketSphinx:Mode</c>).</summary>
public enum PocketSphinxMode
{
    /// <summary>
    /// In a helper process (built by <c>scripts/setup.sh</c>) that holds one built decoder and forks a copy-on-write
    /// copy of it per stream: ~20 MiB and a few milliseconds per stream instead of ~95 MiB and ~0.4 s per decoder,
    /// and a native crash ends one stream, not the server.
    /// </summary>
    Forked,

    /// <summary>In the server's process, on a pool of decoders built as needed.</summary>
    InProcess,
}
