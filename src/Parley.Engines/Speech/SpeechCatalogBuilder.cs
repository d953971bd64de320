using Microsoft.Extensions.Logging;
using Parley.Engines.SpeechToText;
using Parley.Engines.TextToSpeech;

namespace Parley.Engines.Speech;

/// <summary>Builds the <see cref="SpeechCatalog"/> from <see cref="SpeechOptions"/>: the embedded engines and each provider, wrapped for metrics, retries and fallback.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>A remote recogniser with interim words (Deepgram) falls back to PocketSphinx per utterance, replaying its audio.</item>
/// <item>A remote recogniser without them (an OpenAI-compatible transcription endpoint) runs hybrid: PocketSphinx's words drive turn-taking and stand in when it fails; unless <see cref="SpeechOptions.Hybrid"/> is off, when turn-taking goes by sound and failures fall back.</item>
/// <item>A remote synthesiser falls back to Flite per sentence.</item>
/// <item>With <see cref="SpeechFailureMode.End"/>, failures are not covered: the session ends with <c>internal_error</c>.</item>
/// </list>
/// </remarks>
public static class SpeechCatalogBuilder
{
    public static SpeechCatalog Build(
        SpeechOptions options, ISpeechRecognizer embeddedRecognizer, ISpeechSynthesizer embeddedSynthesizer, ISpeechProviderFactory providers,
        VoicePresets presets, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<SpeechCatalog>();
        var fallBack = options.OnFailure == SpeechFailureMode.Fallback;
        var local = new MeteredSpeechRecognizer(embeddedRecognizer, time);
        var flite = new MeteredSpeechSynthesizer(embeddedSynthesizer, time);
        var recognizers = new List<RecognizerEntry> { new(SpeechOptions.EmbeddedRecognizer, local, []) };
        var synthesizers = new List<SynthesizerEntry> { new(SpeechOptions.EmbeddedSynthesizer, flite) };
        foreach (var provider in options.Providers)
        {
            if (SpeechProviderTypes.Recognizes(provider.Type))
            {
                var remote = new MeteredSpeechRecognizer(providers.CreateRecognizer(provider), time);
                ISpeechRecognizer wrapped = remote.Capabilities.InterimResults || !options.Hybrid
                    ? fallBack ? new FallbackSpeechRecognizer(remote, local, logger, options.MaxRetries) : remote
                    : new HybridSpeechRecognizer(local, remote, logger, fallBack);
                recognizers.Add(new RecognizerEntry(provider.Name, wrapped, provider.Models, provider.Models.Count > 0 ? provider.Models[0] : null));
            }

            if (SpeechProviderTypes.Synthesizes(provider.Type))
            {
                var remote = new MeteredSpeechSynthesizer(providers.CreateSynthesizer(provider), time);
                ISpeechSynthesizer wrapped = fallBack ? new FallbackSpeechSynthesizer(remote, flite, logger, options.MaxRetries) : remote;
                synthesizers.Add(new SynthesizerEntry(provider.Name, wrapped, provider.SpeechModel));
            }
        }

        return new SpeechCatalog(recognizers, options.DefaultRecognizer, synthesizers, options.DefaultSynthesizer, presets, logger);
    }
}
