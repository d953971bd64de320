using System.Diagnostics;

namespace Parley.Client.Audio;

/// <summary>A speaker fed through a playing program's standard input (<c>pacat</c>, <c>aplay</c>, or any that reads raw PCM16).</summary>
public sealed class ProcessAudioSink : IAudioSink
{
    private readonly Process _process;

    private ProcessAudioSink(Process process, string description, int sampleRate)
    {
        _process = process;
        Description = description;
        SampleRate = sampleRate;
    }

    public string Description { get; }

    public int SampleRate { get; }

    /// <summary>Starts <paramref name="program"/>; it must play raw PCM16 little-endian mono at <paramref name="sampleRate"/> from its input.</summary>
    /// <exception cref="AudioDeviceUnavailableException">It is not on the path, or it stopped at once (no device, no sound server).</exception>
    public static async Task<ProcessAudioSink> StartAsync(AudioProgram program, int sampleRate, string? searchPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        var path = ExecutableSearch.Find(program.FileName, searchPath)
            ?? throw new AudioDeviceUnavailableException($"{program.Description}: {program.FileName} is not installed.") { LookedFor = [program.FileName] };
        var process = AudioProcess.Start(program, path);
        if (await AudioProcess.FailureAsync(process, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            await AudioProcess.StopAsync(process).ConfigureAwait(false);
            throw new AudioDeviceUnavailableException($"{program.Description}: {program.FileName} {failure}") { LookedFor = [program.FileName] };
        }

        return new ProcessAudioSink(process, program.Description, sampleRate);
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> pcm, CancellationToken cancellationToken = default)
    {
        var input = _process.StandardInput.BaseStream;
        await input.WriteAsync(pcm, cancellationToken).ConfigureAwait(false);
        await input.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the program's input, lets it play what it holds for a moment, then stops it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // Gone already, or still playing: stopped below either way.
        }

        await AudioProcess.StopAsync(_process).ConfigureAwait(false);
    }
}
