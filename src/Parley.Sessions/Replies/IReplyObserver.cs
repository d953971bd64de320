namespace Parley.Sessions.Replies;

/// <summary>What a reply tells its session as it goes.</summary>
internal interface IReplyObserver
{
    /// <summary>A piece of the reply starts playing now.</summary>
    void OnPieceSpoken(string text);

    /// <summary>The reply is over; <paramref name="heardText"/> is what the listener heard (all of it unless interrupted).</summary>
    void OnReplyFinished(string heardText, bool interrupted);

    /// <summary>The reply failed for a reason other than being interrupted.</summary>
    void OnReplyFailed(Exception exception);
}
