namespace Parley.Sessions.Transport;

/// <summary>A frame over the size limit was read and dropped.</summary>
public sealed class FrameTooLargeException(long size, long limit)
    : Exception($"Frame of at least {size} bytes exceeds the limit of {limit} bytes.")
{
    /// <summary>Bytes read before giving up.</summary>
    public long Size { get; } = size;
}
