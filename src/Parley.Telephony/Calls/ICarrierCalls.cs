namespace Parley.Telephony.Calls;

/// <summary>A carrier's REST API for placing calls.</summary>
public interface ICarrierCalls
{
    /// <summary>The carrier's name (<c>twilio</c>, <c>telnyx</c>).</summary>
    string Carrier { get; }

    /// <summary>Asks the carrier to place a call whose media stream comes to Parley.</summary>
    /// <exception cref="CarrierCallException">The carrier refused, failed, or did not answer in time.</exception>
    Task<PlacedCall> PlaceAsync(OutboundCallRequest request, CancellationToken cancellationToken = default);
}
