namespace Parley.Client.Conversations;

/// <summary>What conversations are listed by.</summary>
public enum ConversationSort
{
    /// <summary>When they were created (the default).</summary>
    CreatedAt,

    /// <summary>When they last changed.</summary>
    UpdatedAt,
}
