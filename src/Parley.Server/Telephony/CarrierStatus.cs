using Parley.Storage.Telephony;

namespace Parley.Server.Telephony;

/// <summary>A carrier's word for a call's state, as one of Parley's <see cref="CallStatuses"/>.</summary>
internal static class CarrierStatus
{
    /// <summary>Twilio's <c>CallStatus</c> (queued, initiated, ringing, in-progress, completed, busy, failed, no-answer, canceled); null for a word it does not know.</summary>
    public static string? From(string? status) => status switch
    {
        "queued" or "initiated" => CallStatuses.Queued,
        "ringing" => CallStatuses.Ringing,
        "in-progress" or "answered" => CallStatuses.InProgress,
        "completed" => CallStatuses.Completed,
        "busy" or "failed" or "no-answer" or "canceled" => CallStatuses.Failed,
        _ => null,
    };
}
