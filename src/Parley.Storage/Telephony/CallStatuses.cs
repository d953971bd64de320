namespace Parley.Storage.Telephony;

/// <summary>Where a call stands: <c>queued</c> → <c>ringing</c> → <c>in-progress</c> → <c>completed</c>, or <c>failed</c>.</summary>
public static class CallStatuses
{
    public const string Queued = "queued";
    public const string Ringing = "ringing";
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Whether a status is final: nothing the carrier says later changes it.</summary>
    public static bool IsFinal(string status) => status is Completed or Failed;

    /// <summary>How far along a status is, so a late report (ringing after in-progress) never moves a call back.</summary>
    public static int Rank(string status) => status switch
    {
        Queued => 0,
        Ringing => 1,
        InProgress => 2,
        _ => 3,
    };
}
