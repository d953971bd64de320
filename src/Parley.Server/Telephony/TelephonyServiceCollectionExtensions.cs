using Parley.Storage.Telephony;
using Parley.Telephony;
using Parley.Telephony.Calls;
using Parley.Telephony.Telnyx;
using Parley.Telephony.Twilio;
using Parley.Tools.Outbound;
using Parley.Tools.Secrets;

namespace Parley.Server.Telephony;

/// <summary>Registers phone calls: options from <c>Parley:Telephony</c>, the stores, the carriers' APIs (through the outbound guard); the stream tokens are shared state, registered with the cluster's.</summary>
internal static class TelephonyServiceCollectionExtensions
{
    public const string HttpClientName = "parley-carriers";

    public static IServiceCollection AddParleyTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton((configuration.GetSection(TelephonyOptions.Section).Get<TelephonyOptions>() ?? new TelephonyOptions()).Validate());
        services.AddSingleton<PhoneNumberStore>();
        services.AddSingleton<CallStore>();
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<CarrierCredentials>();
        services.AddSingleton<TelnyxInboundCalls>();
        services.AddParleyOutbound(configuration);
        services.AddGuardedHttpClient(HttpClientName);
        services.AddSingleton<ICarrierCalls>(sp => new TwilioCalls(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), sp.GetRequiredService<TelephonyOptions>()));
        services.AddSingleton<ICarrierCalls>(sp => new TelnyxCalls(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), sp.GetRequiredService<TelephonyOptions>()));
        services.AddSingleton(sp => new TelnyxCallCommands(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), sp.GetRequiredService<TelephonyOptions>()));
        return services;
    }

    public static void MapTelephony(this IEndpointRouteBuilder app)
    {
        app.MapTwilioWebhooks();
        app.MapTelnyxWebhooks();
        app.MapMediaStreams();
    }
}
