namespace Parley.Engines.TextToSpeech;

/// <summary>Process-wide access to Flite: one initialisation, one voice per name, one call at a time.</summary>
/// <remarks>
/// Flite keeps global state and is not documented as thread-safe, so every call into it, from every synthesiser
/// instance, goes through one lock. A sentence costs ~20 ms, so queueing stays short.
/// </remarks>
internal static unsafe class FliteRuntime
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, FliteVoice> Registered = new(StringComparer.Ordinal);
    private static bool _initialised;

    /// <summary>Synthesises text with the named voice, registering the voice on first use.</summary>
    public static SynthesizedSpeech Synthesize(string voiceName, string text)
    {
        lock (Gate)
        {
            var voice = GetVoice(voiceName);
            return string.IsNullOrWhiteSpace(text) ? new SynthesizedSpeech([], voice.SampleRate) : Render(voice.Handle, text);
        }
    }

    private static FliteVoice GetVoice(string name)
    {
        if (Registered.TryGetValue(name, out var voice))
        {
            return voice;
        }

        if (!_initialised)
        {
            _ = FliteNative.flite_init();
            _initialised = true;
        }

        var handle = FliteNative.RegisterVoice(name);
        if (handle == 0)
        {
            throw new InvalidOperationException($"Flite could not register the voice '{name}'.");
        }

        // A voice does not expose its rate directly; synthesising nothing is instant and reports it, so empty text
        // can be answered with the right rate later.
        voice = new FliteVoice(name, handle, Render(handle, string.Empty).SampleRate);
        Registered[name] = voice;
        return voice;
    }

    private static SynthesizedSpeech Render(nint voice, string text)
    {
        var wave = FliteNative.flite_text_to_wave(text, voice);
        if (wave is null)
        {
            throw new InvalidOperationException("Flite returned no audio.");
        }

        try
        {
            if (wave->ChannelCount != 1)
            {
                throw new InvalidOperationException($"Flite returned {wave->ChannelCount} channels; only mono is supported.");
            }

            var samples = new ReadOnlySpan<short>(wave->Samples, wave->SampleCount).ToArray();
            return new SynthesizedSpeech(samples, wave->SampleRate);
        }
        finally
        {
            FliteNative.delete_wave(wave);
        }
    }
}
