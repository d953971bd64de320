namespace Parley.Engines.TextToSpeech;

/// <summary>Some of the speech for a request: PCM16 mono at <paramref name="SampleRate"/>, with the words it speaks when the engine knows them.</summary>
/// <param name="Samples">The audio.</param>
/// <param name="SampleRate">Its rate.</param>
/// <param name="Words">Words whose speech starts in this chunk, timed from the start of the request's audio; null when the engine gives no timings.</param>
public sealed record SpeechChunk(short[] Samples, int SampleRate, IReadOnlyList<SpokenWord>? Words = null)
{
    /// <summary>How long the chunk lasts.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
