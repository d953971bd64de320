namespace Parley.Sessions.Listening;

/// <summary>What became of one incoming audio chunk.</summary>
internal enum AudioChunkResult
{
    Accepted,
    NotBase64,
    OddByteCount,
    TooLarge,
    RateLimited,
}
