namespace Parley.Sessions.Replies;

/// <summary>What a reply tells its session as it goes.</summary>
internal interface IReplyObserver
{
    /// <summary>A piece of the reply starts playing now.</summary>
    void OnPieceSpoken(string text);

    /// <summary>The reply is over; <paramref name="heardText"/> is what the listener heard (all of it unless interrupted).</summary>
    /// <param name="heardText">What the listener heard of the reply.</param>
    /// <param name="interrupted">Whether the reply was cut off.</param>
    /// <param name="toolExchange">The tool calls the reply made and their results, kept even when it was cut off so no tool runs twice.</param>
    void OnReplyFinished(string heardText, bool interrupted, IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> toolExchange);

    /// <summary>The reply failed for a reason other than being interrupted.</summary>
    void OnReplyFailed(Exception exception);
}
