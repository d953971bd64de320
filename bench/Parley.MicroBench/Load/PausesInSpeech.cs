using System.Globalization;
using Parley.Engines.VoiceActivity;
using Parley.Sessions;
using Parley.Sessions.Listening;
using Parley.Testing.Speech;

namespace Parley.MicroBench.Load;

/// <summary>Which endpoint silences would end a turn inside sentences people say in one breath, and how soon after the speech each ends it.</summary>
/// <remarks>
/// Each sentence is spoken by <c>flite</c> in three voices and heard by Silero through the session's own
/// <see cref="TurnDetector"/> at each endpoint silence, the words before every comma judged by the session's own
/// <see cref="EndpointPolicy"/> (a pause after "well," gets the long silence, one after "yes," the short one). A split is
/// a turn ended before the sentence did: a premature endpoint. The figures are Flite's comma pauses, shorter than most
/// people's; a silence that splits them splits people more often.
/// </remarks>
internal static class PausesInSpeech
{
    private static readonly string[] Sentences =
    [
        "well, I think so, but what time is it",
        "what is twelve times seven, and what is two plus two",
        "I would like to book a table for two, please, at seven",
        "yes, that's right, thank you",
        "no, not that one, the other one",
        "can you tell me, roughly, how far it is to the station",
        "my number is five five five, one two three, four five six seven",
        "hello, is anyone there",
        "okay, so, what can you do",
        "first, add four, then, multiply by three",
        "what is the weather like today in paris",
        "tell me about the opening hours of the museum on sunday",
    ];

    private static readonly string[] Voices = ["rms", "slt", "awb"];

    private static readonly int[] SilencesMs = [96, 128, 160, 200, 250];

    public static Task RunAsync(TextWriter output)
    {
        using var vad = new SileroVoiceActivityDetector();
        var frameSamples = vad.FrameSamples;
        var frame = TimeSpan.FromSeconds((double)frameSamples / vad.SampleRate);
        var clips = Sentences.SelectMany(text => Voices.Select(voice => (Text: text, Voice: voice))).ToArray();
        output.WriteLine($"pauses: {clips.Length} sentences said in one breath ({Sentences.Length} × voices {string.Join(", ", Voices)}), Silero frames of {frame.TotalMilliseconds} ms");
        foreach (var silenceMs in SilencesMs)
        {
            var options = new VoiceSessionOptions { EndpointSilence = TimeSpan.FromMilliseconds(silenceMs) };
            var split = new List<string>();
            var endpointsAfterSpeech = new List<double>();
            foreach (var (text, voice) in clips)
            {
                short[] audio = [.. TestSpeech.Say(text, voice), .. TestSpeech.Silence(TimeSpan.FromSeconds(2))];
                var (turns, endpointMs) = Hear(vad, options, text, audio, frameSamples, frame);
                if (turns > 1)
                {
                    split.Add($"\"{text}\" ({voice})");
                }
                else if (endpointMs is { } ms)
                {
                    endpointsAfterSpeech.Add(ms - LastSoundMs(audio));
                }
            }

            endpointsAfterSpeech.Sort();
            var median = endpointsAfterSpeech.Count == 0 ? double.NaN : endpointsAfterSpeech[endpointsAfterSpeech.Count / 2];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  EndpointSilence {silenceMs,3} ms: split {split.Count}/{clips.Length}; end of speech → endpoint p50 {median:F0} ms{(split.Count > 0 ? $"; split: {string.Join(", ", split)}" : "")}"));
        }

        return Task.CompletedTask;
    }

    // Feeds the clip frame by frame; the words at each moment are the sentence's up to the next comma, as a recogniser
    // would have them when the pause after that comma begins.
    private static (int Turns, double? FirstEndpointMs) Hear(SileroVoiceActivityDetector vad, VoiceSessionOptions options, string text, short[] audio, int frameSamples, TimeSpan frame)
    {
        var clauses = text.Split(',');
        var policy = new EndpointPolicy(options);
        var clause = 0;
        var detector = new TurnDetector(options, frame, () => policy.RequiredSilence(string.Join(' ', clauses.Take(clause + 1))));
        using var stream = vad.CreateStream();
        var floats = new float[frameSamples];
        var turns = 0;
        double? firstEndpoint = null;
        var pausedFrames = 0;
        for (var i = 0; i + frameSamples <= audio.Length; i += frameSamples)
        {
            for (var j = 0; j < frameSamples; j++)
            {
                floats[j] = audio[i + j] / 32768f;
            }

            var signal = detector.Push(stream.Process(floats));
            if (signal == TurnSignal.SpeechEnded)
            {
                turns++;
                firstEndpoint ??= (i + frameSamples) * 1000.0 / vad.SampleRate;
            }

            // The clause being said: a pause of two frames or more that the speech resumes after was a comma's.
            if (detector.Pausing)
            {
                pausedFrames++;
            }
            else
            {
                if (pausedFrames >= 2 && detector.InSpeech && clause < clauses.Length - 1)
                {
                    clause++;
                }

                pausedFrames = 0;
            }
        }

        return (turns, firstEndpoint);
    }

    private static double LastSoundMs(short[] audio) => LastSoundSample(audio) * 1000.0 / 16000;

    // The last sample above -36 dBFS, as the load bench's "true end of speech".
    private static int LastSoundSample(short[] audio)
    {
        var level = 32768 * Math.Pow(10, -36 / 20.0);
        for (var i = audio.Length - 1; i >= 0; i--)
        {
            if (Math.Abs((int)audio[i]) > level)
            {
                return i;
            }
        }

        return 0;
    }
}
