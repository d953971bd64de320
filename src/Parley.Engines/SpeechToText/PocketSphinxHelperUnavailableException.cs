namespace Parley.Engines.SpeechToText;

/// <summary>PocketSphinx's forked mode could not run its helper: missing, built for another protocol, not executable, or it exited or hung before it was ready.</summary>
/// <remarks>The in-process mode needs no helper, so a host may fall back to it; PocketSphinx refusing its own arguments is not this (it would refuse them in process too).</remarks>
public sealed class PocketSphinxHelperUnavailableException : Exception
{
    public PocketSphinxHelperUnavailableException()
    {
    }

    public PocketSphinxHelperUnavailableException(string message)
        : base(message)
    {
    }

    public PocketSphinxHelperUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
