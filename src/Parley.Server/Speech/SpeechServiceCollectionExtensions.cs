using Parley.Engines.Speech;

namespace Parley.Server.Speech;

/// <summary>Binds and checks <c>Parley:Speech</c>; the catalog itself is built once the embedded engines have loaded.</summary>
internal static class SpeechServiceCollectionExtensions
{
    public static IServiceCollection AddParleySpeech(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Parley:Speech").Get<SpeechOptions>() ?? new SpeechOptions();
        var problems = SpeechOptionsValidator.Problems(options);
        if (problems.Count == 0)
        {
            problems = [.. options.Providers.SelectMany(RemoteSpeechProviders.Problems)];
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Parley:Speech is not valid: {string.Join(" ", problems)}");
        }

        services.AddSingleton(options);
        services.AddSingleton(new VoicePresets(configuration.GetSection("Parley:Voices:Presets").Get<Dictionary<string, string>>()));
        services.AddSingleton<ISpeechProviderFactory, RemoteSpeechProviders>();
        return services;
    }
}
