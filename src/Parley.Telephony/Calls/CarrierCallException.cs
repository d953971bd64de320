namespace Parley.Telephony.Calls;

/// <summary>A carrier's REST API refused or failed to place a call; the message says what it answered (never a credential).</summary>
public sealed class CarrierCallException(string message, Exception? inner = null) : Exception(message, inner);
