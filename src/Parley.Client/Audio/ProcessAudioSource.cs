using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Parley.Client.Audio;

/// <summary>A microphone read from a recording program's standard output (<c>parec</c>, <c>arecord</c>, or any that writes raw PCM16).</summary>
public sealed class ProcessAudioSource : IAudioSource
{
    private readonly Process _process;

    private ProcessAudioSource(Process process, string description, int sampleRate)
    {
        _process = process;
        Description = description;
        SampleRate = sampleRate;
    }

    public string Description { get; }

    public int SampleRate { get; }

    /// <summary>Starts <paramref name="program"/>; it must write raw PCM16 little-endian mono at <paramref name="sampleRate"/>.</summary>
    /// <exception cref="AudioDeviceUnavailableException">It is not on the path, or it stopped at once (no device, no sound server).</exception>
    public static async Task<ProcessAudioSource> StartAsync(AudioProgram program, int sampleRate, string? searchPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        var path = ExecutableSearch.Find(program.FileName, searchPath)
            ?? throw new AudioDeviceUnavailableException($"{program.Description}: {program.FileName} is not installed.") { LookedFor = [program.FileName] };
        var process = AudioProcess.Start(program, path);
        if (await AudioProcess.FailureAsync(process, cancellationToken).ConfigureAwait(false) is { } failure && !HasOutput(process))
        {
            await AudioProcess.StopAsync(process).ConfigureAwait(false);
            throw new AudioDeviceUnavailableException($"{program.Description}: {program.FileName} {failure}") { LookedFor = [program.FileName] };
        }

        return new ProcessAudioSource(process, program.Description, sampleRate);
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(int chunkBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 2);
        var output = _process.StandardOutput.BaseStream;
        while (true)
        {
            var chunk = new byte[chunkBytes & ~1];
            int read;
            try
            {
                read = await output.ReadAtLeastAsync(chunk, chunk.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            read &= ~1;
            if (read > 0)
            {
                yield return chunk.AsMemory(0, read);
            }

            if (read < chunk.Length)
            {
                yield break;
            }
        }
    }

    public async ValueTask DisposeAsync() => await AudioProcess.StopAsync(_process).ConfigureAwait(false);

    // A program that wrote its whole recording and exited (a file, in tests) is a source too.
    private static bool HasOutput(Process process) => process.ExitCode == 0;
}
