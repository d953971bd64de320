namespace Parley.Engines.SpeechToText.OpenAI;

/// <summary>The samples of one utterance, kept for upload up to a bound; grows by doubling, so a short utterance holds little.</summary>
internal sealed class UtteranceAudio(int maxSamples)
{
    private short[] _samples = new short[Math.Min(maxSamples, OpenAIRecognizer.SampleRate * 4)];

    /// <summary>How many samples are kept.</summary>
    public int Count { get; private set; }

    /// <summary>The samples kept.</summary>
    public ReadOnlySpan<short> Samples => _samples.AsSpan(0, Count);

    /// <summary>Keeps <paramref name="samples"/>; false (keeping nothing of them) when they would pass the bound.</summary>
    public bool TryAppend(ReadOnlySpan<short> samples)
    {
        if (samples.Length > maxSamples - Count)
        {
            return false;
        }

        if (Count + samples.Length > _samples.Length)
        {
            Array.Resize(ref _samples, Math.Min(maxSamples, Math.Max(_samples.Length * 2, Count + samples.Length)));
        }

        samples.CopyTo(_samples.AsSpan(Count));
        Count += samples.Length;
        return true;
    }
}
