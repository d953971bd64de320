namespace Parley.Cli;

/// <summary>The exit codes of <c>parley</c>, so scripts can tell failures apart.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Any other failure (a server error, no audio device, no answer in time).</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: unknown command or option, a missing argument, a file that is not a 16 kHz PCM16 mono WAV, a value the server refused (400/422).</summary>
    public const int Usage = 2;

    /// <summary>The server cannot be reached (not running, wrong URL, timed out).</summary>
    public const int Unreachable = 3;

    /// <summary>The API key is missing, unknown, revoked, or not allowed to do this (401/403, <c>unauthorized</c>).</summary>
    public const int Auth = 4;

    /// <summary>What was named does not exist: an agent, conversation, knowledge or key (404, <c>agent_not_found</c>).</summary>
    public const int NotFound = 5;

    /// <summary>Interrupted by Ctrl+C before it finished (talk ends cleanly with 0 instead).</summary>
    public const int Interrupted = 130;
}
