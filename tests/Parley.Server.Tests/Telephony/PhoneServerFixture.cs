using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Telephony;

/// <summary>The real server with the real engines, whose carriers' REST APIs are a <see cref="FakeCarrierApi"/> on loopback.</summary>
public sealed class PhoneServerFixture : ServerFixture, IAsyncLifetime
{
    public PhoneServerFixture()
        : this(FakeCarrierApi.Start())
    {
    }

    private PhoneServerFixture(FakeCarrierApi carrier)
        : base([
            "--Parley:Telephony:TwilioApiBaseUrl", carrier.BaseAddress.AbsoluteUri,
            "--Parley:Telephony:TelnyxApiBaseUrl", carrier.BaseAddress.AbsoluteUri,
            "--Parley:Outbound:AllowedHosts:0", $"127.0.0.1:{carrier.BaseAddress.Port}",
            "--Parley:Sessions:IdlePromptAfter", "00:00:00",
        ])
        => Carrier = carrier;

    internal FakeCarrierApi Carrier { get; }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Carrier.DisposeAsync();
    }
}
