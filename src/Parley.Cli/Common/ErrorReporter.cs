using System.Net.Sockets;
using System.Net.WebSockets;
using Parley.Client.Audio;
using Parley.Client.Errors;
using Parley.Client.Voice;

namespace Parley.Cli.Common;

/// <summary>Turns a failure into a one-line message on standard error and the exit code for its kind.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception error, CommandScope scope)
    {
        var (code, message) = Describe(error, scope.ResolvedUrl);
        scope.Context.Error.WriteLine($"parley: {message}");
        return code;
    }

    public static (int Code, string Message) Describe(Exception error, Uri? url) => error switch
    {
        CliException cli => (cli.ExitCode, cli.Message),
        ParleyAuthenticationException e => (ExitCodes.Auth, $"The server refused the API key: {e.Message} Check --api-key or PARLEY_API_KEY, or run `parley login`."),
        ParleyPermissionDeniedException e => (ExitCodes.Auth, $"This API key may not do that: {e.Message}"),
        ParleyNotFoundException e => (ExitCodes.NotFound, e.Message),
        ParleyBadRequestException e => (ExitCodes.Usage, $"The server refused the request: {e.Message}"),
        ParleyApiException e => (ExitCodes.Failure, $"The server failed ({(int)e.StatusCode} {e.Error}): {e.Message}"),
        VoiceSessionException { IsUnauthorized: true } e => (ExitCodes.Auth, $"The server refused the API key: {e.Message}"),
        VoiceSessionException { IsNotFound: true } e => (ExitCodes.NotFound, e.Message),
        VoiceSessionException e => (ExitCodes.Failure, $"The voice session failed ({e.Code}): {e.Message}"),
        _ when IsUnreachable(error) => (ExitCodes.Unreachable, $"Cannot reach the Parley server at {url?.ToString() ?? "the configured URL"}: {Innermost(error).Message} Is it running? Start one with `parley serve`, or pass --url."),
        AudioDeviceUnavailableException e => (ExitCodes.Failure, e.Message),
        InvalidDataException e => (ExitCodes.Usage, e.Message),
        FileNotFoundException e => (ExitCodes.Usage, $"No such file: {e.FileName}"),
        DirectoryNotFoundException e => (ExitCodes.Usage, e.Message),
        OperationCanceledException => (ExitCodes.Interrupted, "Interrupted."),
        _ => (ExitCodes.Failure, $"{error.GetType().Name}: {error.Message}"),
    };

    private static bool IsUnreachable(Exception error) => error switch
    {
        HttpRequestException { StatusCode: null } => true,
        WebSocketException => true,
        SocketException => true,

        // HttpClient reports its timeout as a cancellation caused by a TimeoutException.
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null)
        {
            error = error.InnerException;
        }

        return error;
    }
}
