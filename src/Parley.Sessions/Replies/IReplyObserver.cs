namespace Parley.Sessions.Replies;

/// <summary>Where a reply reports that it is over.</summary>
internal interface IReplyObserver
{
    /// <summary>The reply is over: what the listener heard of it (all of it unless interrupted), the tools it used, or why it failed.</summary>
    ValueTask OnReplyEndedAsync(Turns.TurnEvent.ReplyEnded ended);
}
