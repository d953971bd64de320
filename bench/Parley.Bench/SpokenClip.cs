namespace Parley.Bench;

/// <summary>Where one clip's speech fell on the caller's clock once streamed, in ms.</summary>
/// <param name="OnsetMs">The clip's first loud sample, on the capture clock.</param>
/// <param name="EndMs">Its last loud sample, on the capture clock.</param>
/// <param name="FirstVoicedChunkSentMs">When the chunk holding the onset went out.</param>
internal readonly record struct SpokenClip(double OnsetMs, double EndMs, double FirstVoicedChunkSentMs);
