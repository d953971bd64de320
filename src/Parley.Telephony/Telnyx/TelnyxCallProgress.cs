namespace Parley.Telephony.Telnyx;

/// <summary>Where a Telnyx call stands after one of its Call Control webhooks, in the words of Parley's call statuses.</summary>
/// <remarks>
/// Telnyx tells a call's progress by events, not by a status: <c>call.initiated</c> (dialling, or ringing in), then
/// <c>call.answered</c> and <c>streaming.started</c>, then <c>call.hangup</c> with a <c>hangup_cause</c>. It says no
/// "ringing" apart from <c>call.initiated</c>, and a hangup alone does not say whether the call was ever answered; the
/// cause does for the usual endings, and the call's own record does for the rest (Telnyx may deliver out of order).
/// </remarks>
/// <param name="Status"><c>ringing</c>, <c>in-progress</c>, <c>completed</c> or <c>failed</c>.</param>
/// <param name="Error">Why it failed, in words, with Telnyx's cause.</param>
public sealed record TelnyxCallProgress(string Status, string? Error = null)
{
    /// <summary>The progress <paramref name="e"/> reports; null for an event that does not move a call (<c>streaming.stopped</c>, <c>call.bridged</c>, ...).</summary>
    /// <param name="e">The event.</param>
    /// <param name="answered">Whether the call is already known to be in progress (answered, or its stream started).</param>
    public static TelnyxCallProgress? Of(TelnyxWebhookEvent e, bool answered)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.EventType switch
        {
            "call.initiated" => new("ringing"),
            "call.answered" or "streaming.started" => new("in-progress"),
            "call.hangup" => Hangup(e.HangupCause, e.SipHangupCause, answered),
            _ => null,
        };
    }

    private static TelnyxCallProgress Hangup(string? cause, string? sipCause, bool answered)
    {
        // normal_clearing and time_limit end a call that was talking; any cause ends one known to have been answered.
        if (answered || cause is "normal_clearing" or "time_limit")
        {
            return new("completed");
        }

        var why = cause switch
        {
            "user_busy" => "the line was busy",
            "timeout" or "no_answer" => "nobody answered",
            "call_rejected" => "the call was rejected",
            "not_found" => "the number was not found",
            "originator_cancel" => "the call was cancelled before it was answered",
            _ => "the call ended before it was answered",
        };
        var detail = sipCause is { Length: > 0 } ? $"{cause ?? "unspecified"}, SIP {sipCause}" : cause ?? "unspecified";
        return new("failed", $"Telnyx: {why} ({detail}).");
    }
}
