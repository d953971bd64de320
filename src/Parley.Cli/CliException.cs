namespace Parley.Cli;

/// <summary>An expected failure with the exit code and message to end with.</summary>
internal sealed class CliException(int exitCode, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public int ExitCode { get; } = exitCode;
}
