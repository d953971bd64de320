namespace Parley.Storage.Messages;

/// <summary>The <c>role</c> of stored messages, and of transcript events.</summary>
public static class MessageRoles
{
    public const string User = "user";
    public const string Agent = "agent";
}
