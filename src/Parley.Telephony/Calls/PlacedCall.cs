namespace Parley.Telephony.Calls;

/// <summary>What a carrier answered when asked to place a call: its id of the call and the status it reported.</summary>
public sealed record PlacedCall(string CarrierCallId, string Status);
