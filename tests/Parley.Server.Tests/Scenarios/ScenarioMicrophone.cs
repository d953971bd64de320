using Parley.Engines.Audio;
using Parley.Protocol.Messages;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Scenarios;

/// <summary>
/// The user's microphone as a real client streams it: open from the session's start, so the server hears the room
/// (silence, or the agent's echo where the scenario has echo) all the while the agent talks, not only from just before
/// the user speaks. The scenario's track begins at the agent's first audio when a prompt makes it speak, at once otherwise.
/// </summary>
/// <remarks>
/// Barge-in on sound compares the speech with what the microphone heard in the second before its onset, while the agent
/// talked; a microphone opened 300 ms before the speech gave it nothing to compare with, so the suite did not exercise it.
/// </remarks>
internal static class ScenarioMicrophone
{
    private const int Rate = 16000;

    /// <summary>Silence heard before the prompt is sent: the user connected and is listening.</summary>
    private static readonly TimeSpan LeadIn = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan FirstAudioTimeout = TimeSpan.FromSeconds(20);
    private static readonly SoxrResampler Resampler = new();

    /// <summary>Streams in iOS-sized chunks at real-time pace until the track has been played; returns when (client clock) the track began.</summary>
    /// <param name="client">A session that is <c>ready</c>.</param>
    /// <param name="track">What the user does.</param>
    /// <param name="prompt">Typed text that makes the agent speak, sent after <see cref="LeadIn"/>; null: the track begins at once.</param>
    public static async Task<TimeSpan> StreamAsync(VoiceTestClient client, ScenarioTrack track, string? prompt)
    {
        var micStart = client.Now;
        long? trackStart = prompt is null ? 0 : null;
        var promptSent = false;
        var echo = new List<float>();
        var seen = 0;
        var cursor = 0L;
        for (var offset = 0L; trackStart is not { } begun || offset < begun + track.Samples.Length; offset += VoiceTestClient.ChunkSamples)
        {
            var count = trackStart is { } known ? (int)Math.Min(VoiceTestClient.ChunkSamples, known + track.Samples.Length - offset) : VoiceTestClient.ChunkSamples;
            var due = micStart + TimeSpan.FromSeconds((offset + count) / (double)Rate);
            var wait = due - client.Now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            if (prompt is not null && !promptSent && client.Now - micStart >= LeadIn)
            {
                await client.SendAsync(new TextMessage(new Protocol.Payloads.TextPayload { Text = prompt }));
                promptSent = true;
            }

            // The agent's audio plays from when it arrives (or when the audio before it ends), and reaches the microphone a delay later.
            var frames = client.All;
            for (; seen < frames.Count; seen++)
            {
                if (frames[seen].Message is not AudioMessage audio)
                {
                    continue;
                }

                var arrived = (long)((frames[seen].At - micStart).TotalSeconds * Rate);
                // The track begins with the agent's first audio: its first sample where that audio arrived, or the first not yet sent.
                trackStart ??= Math.Max(offset, arrived);
                var pcm = Resampler.Resample(Pcm16.FromBytes(Convert.FromBase64String(audio.Payload.Data!)), 24000, Rate);
                var position = Math.Max(cursor, arrived + (long)(track.EchoDelay.TotalSeconds * Rate));
                Lay(echo, position, pcm);
                cursor = position + pcm.Length;
            }

            if (trackStart is null && client.Now - micStart > LeadIn + FirstAudioTimeout)
            {
                throw new TimeoutException($"The agent did not answer \"{prompt}\" within {FirstAudioTimeout.TotalSeconds:F0} s.");
            }

            var chunk = new short[count];
            for (var i = 0; i < count; i++)
            {
                var j = offset + i;
                var t = trackStart is { } s ? j - s : -1;
                var own = t >= 0 && t < track.Samples.Length ? track.Samples[t] : 0;
                // Before the track, the room carries the echo as the track's start does.
                var gain = track.EchoGain.Length == 0 ? 0 : track.EchoGain[t >= 0 && t < track.EchoGain.Length ? t : 0];
                var agent = j < echo.Count ? echo[(int)j] : 0;
                chunk[i] = (short)Math.Clamp(own + (gain * agent), short.MinValue, short.MaxValue);
            }

            await client.SendAudioAsync(chunk);
        }

        return micStart + TimeSpan.FromSeconds(trackStart!.Value / (double)Rate);
    }

    private static void Lay(List<float> echo, long position, short[] pcm)
    {
        // Bounded by the track: the agent's audio is laid only where the microphone will still be streaming.
        const long MaxSamples = Rate * 120;
        for (var i = 0; i < pcm.Length && position + i < MaxSamples; i++)
        {
            var at = (int)(position + i);
            while (echo.Count <= at)
            {
                echo.Add(0);
            }

            echo[at] = pcm[i];
        }
    }
}
