using System.Diagnostics;

namespace Parley.Client.Audio;

/// <summary>Starts an <see cref="AudioProgram"/> with raw pipes and stops it again.</summary>
internal static class AudioProcess
{
    /// <summary>How long a program must keep running to count as started: tools without a device exit at once.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(300);

    public static Process Start(AudioProgram program, string path)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in program.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new AudioDeviceUnavailableException($"{program.Description}: could not start {path}.");
    }

    /// <summary>Null when the program is still running after <see cref="SettleTime"/>, else why it stopped.</summary>
    public static async Task<string?> FailureAsync(Process process, CancellationToken cancellationToken)
    {
        using var settle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        settle.CancelAfter(SettleTime);
        try
        {
            await process.WaitForExitAsync(settle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var stderr = (await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim();
        return $"exited with code {process.ExitCode}{(stderr.Length > 0 ? $": {stderr}" : string.Empty)}";
    }

    public static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        process.Dispose();
    }
}
