namespace Parley.Engines.TextToSpeech;

/// <summary>Process-wide access to Flite: one initialisation and one voice per name, alone; syntheses side by side.</summary>
/// <remarks>
/// Only <c>flite_init</c> and voice registration write Flite's globals, so only they are exclusive. Synthesis keeps its
/// state per call (the tokenizer, the utterance; glibc's <c>rand</c>, used for unvoiced noise, locks itself): separate
/// calls on two threads gave identical bytes over 5 × 1,000 runs and no race under Helgrind (ENGINES.md). A voice is
/// registered while no synthesis runs, as registration was not part of that test.
/// </remarks>
internal static unsafe class FliteRuntime
{
    private static readonly ReaderWriterLockSlim Gate = new(LockRecursionPolicy.NoRecursion);
    private static readonly Dictionary<string, FliteVoice> Registered = new(StringComparer.Ordinal);
    private static bool _initialised;

    /// <summary>Synthesises text with the named voice, registering the voice on first use; any number of threads at once.</summary>
    public static SynthesizedSpeech Synthesize(string voiceName, string text)
    {
        while (true)
        {
            Gate.EnterReadLock();
            try
            {
                if (Registered.TryGetValue(voiceName, out var voice))
                {
                    return string.IsNullOrWhiteSpace(text) ? new SynthesizedSpeech([], voice.SampleRate) : Render(voice.Handle, text);
                }
            }
            finally
            {
                Gate.ExitReadLock();
            }

            Gate.EnterWriteLock();
            try
            {
                if (!Registered.ContainsKey(voiceName))
                {
                    Register(voiceName);
                }
            }
            finally
            {
                Gate.ExitWriteLock();
            }
        }
    }

    // Alone (the write lock): writes Flite's globals and the voice table.
    private static void Register(string name)
    {
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
        Registered[name] = new FliteVoice(name, handle, Render(handle, string.Empty).SampleRate);
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
