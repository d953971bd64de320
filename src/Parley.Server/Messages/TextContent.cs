namespace Parley.Server.Messages;

/// <summary>The content item of a text message.</summary>
internal sealed record TextContent(string Text)
{
    public string Type => "text";
}
