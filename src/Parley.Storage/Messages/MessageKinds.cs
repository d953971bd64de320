namespace Parley.Storage.Messages;

/// <summary>The <c>kind</c> of stored messages: the content item type the API shows.</summary>
public static class MessageKinds
{
    public const string Voice = "voice";
    public const string Text = "text";
}
