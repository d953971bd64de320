namespace Parley.Storage.Conversations;

/// <summary>How a list of conversations is ordered.</summary>
public sealed record ConversationSort(bool ByUpdatedAt = false, bool Ascending = false)
{
    /// <summary>Newest first, by creation: the default.</summary>
    public static ConversationSort Default { get; } = new();
}
