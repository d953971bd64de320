using System.Globalization;
using Parley.Protocol;

namespace Parley.Client.Audio;

/// <summary>Finds a microphone and a speaker at run time on Linux: PulseAudio's <c>parec</c>/<c>pacat</c>, else ALSA's <c>arecord</c>/<c>aplay</c>.</summary>
/// <remarks>
/// They run as child processes exchanging raw s16le streams, so no native audio library is needed. Install
/// <c>pulseaudio-utils</c> or <c>alsa-utils</c> to get them.
/// </remarks>
public static class AudioDevices
{
    /// <summary>The recording programs tried, in order.</summary>
    public static IReadOnlyList<AudioProgram> MicrophonePrograms(int sampleRate = AudioFormats.InputSampleRate)
    {
        var rate = sampleRate.ToString(CultureInfo.InvariantCulture);
        return
        [
            new("parec", ["--raw", "--format=s16le", $"--rate={rate}", "--channels=1", "--latency-msec=50"], "parec (PulseAudio)"),
            new("arecord", ["-q", "-t", "raw", "-f", "S16_LE", "-r", rate, "-c", "1"], "arecord (ALSA)"),
        ];
    }

    /// <summary>The playing programs tried, in order.</summary>
    public static IReadOnlyList<AudioProgram> SpeakerPrograms(int sampleRate = AudioFormats.OutputSampleRate)
    {
        var rate = sampleRate.ToString(CultureInfo.InvariantCulture);
        return
        [
            new("pacat", ["--playback", "--raw", "--format=s16le", $"--rate={rate}", "--channels=1", "--latency-msec=100"], "pacat (PulseAudio)"),
            new("aplay", ["-q", "-t", "raw", "-f", "S16_LE", "-r", rate, "-c", "1"], "aplay (ALSA)"),
        ];
    }

    /// <summary>Opens the first microphone that works, recording PCM16 mono at <paramref name="sampleRate"/>.</summary>
    /// <param name="sampleRate">16 kHz, what the server hears.</param>
    /// <param name="searchPath">Where to look for the programs (default: <c>PATH</c>).</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="AudioDeviceUnavailableException">None works; the message names each program and why.</exception>
    public static Task<IAudioSource> OpenMicrophoneAsync(int sampleRate = AudioFormats.InputSampleRate, string? searchPath = null, CancellationToken cancellationToken = default)
        => OpenAsync<IAudioSource>("microphone", MicrophonePrograms(sampleRate), async p => await ProcessAudioSource.StartAsync(p, sampleRate, searchPath, cancellationToken).ConfigureAwait(false));

    /// <summary>Opens the first speaker that works, playing PCM16 mono at <paramref name="sampleRate"/>.</summary>
    /// <param name="sampleRate">24 kHz, what the server speaks.</param>
    /// <param name="searchPath">Where to look for the programs (default: <c>PATH</c>).</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="AudioDeviceUnavailableException">None works; the message names each program and why.</exception>
    public static Task<IAudioSink> OpenSpeakerAsync(int sampleRate = AudioFormats.OutputSampleRate, string? searchPath = null, CancellationToken cancellationToken = default)
        => OpenAsync<IAudioSink>("speaker", SpeakerPrograms(sampleRate), async p => await ProcessAudioSink.StartAsync(p, sampleRate, searchPath, cancellationToken).ConfigureAwait(false));

    private static async Task<T> OpenAsync<T>(string what, IReadOnlyList<AudioProgram> programs, Func<AudioProgram, Task<T>> open)
    {
        var reasons = new List<string>();
        foreach (var program in programs)
        {
            try
            {
                return await open(program).ConfigureAwait(false);
            }
            catch (AudioDeviceUnavailableException ex)
            {
                reasons.Add(ex.Message);
            }
        }

        var names = programs.Select(p => p.FileName).ToList();
        throw new AudioDeviceUnavailableException(
            $"No {what} found: looked for {string.Join(" and ", programs.Select(p => p.Description))} on PATH. "
            + $"{string.Join(" ", reasons.Select(r => r.EndsWith('.') ? r : r + "."))} "
            + "Install pulseaudio-utils or alsa-utils, on a machine with a sound device.")
        {
            LookedFor = names,
        };
    }
}
