using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;
using Parley.Engines.SpeechToText.Deepgram;
using Parley.Engines.SpeechToText.OpenAI;
using Parley.Engines.TextToSpeech;
using Parley.Engines.TextToSpeech.ElevenLabs;
using Parley.Engines.TextToSpeech.OpenAI;

namespace Parley.Server.Speech;

/// <summary>Creates the remote speech engines of the configured providers, by type, from their <c>Parley:Speech:Providers</c> entry.</summary>
/// <remarks>
/// What a provider entry leaves unset keeps the engine's own default (the vendor's URL, its default model, its timeouts).
/// Each engine checks its options; a problem stops start-up with the provider's name in the message.
/// </remarks>
internal sealed class RemoteSpeechProviders(TimeProvider time) : ISpeechProviderFactory
{
    public ISpeechRecognizer CreateRecognizer(SpeechProviderOptions provider) => provider.Type switch
    {
        SpeechProviderTypes.OpenAI => new OpenAIRecognizer(Checked(provider, OpenAIRecognizer(provider), o => o.Validate()), time),
        SpeechProviderTypes.Deepgram => new DeepgramRecognizer(Checked(provider, DeepgramRecognizer(provider), o => o.Validate()), time),
        _ => throw new InvalidOperationException($"Speech provider '{provider.Name}' of type '{provider.Type}' does not recognise speech."),
    };

    public ISpeechSynthesizer CreateSynthesizer(SpeechProviderOptions provider) => provider.Type switch
    {
        SpeechProviderTypes.OpenAI => new OpenAISynthesizer(Checked(provider, OpenAISynthesizer(provider), o => o.Validate()), time),
        SpeechProviderTypes.ElevenLabs => new ElevenLabsSynthesizer(Checked(provider, ElevenLabsSynthesizer(provider), o => o.Validate()), time),
        _ => throw new InvalidOperationException($"Speech provider '{provider.Name}' of type '{provider.Type}' does not speak."),
    };

    /// <summary>What is wrong with a provider entry for the engines its type makes, each problem naming the provider; checked at start-up.</summary>
    public static IEnumerable<string> Problems(SpeechProviderOptions provider)
    {
        IEnumerable<string> problems = provider.Type switch
        {
            SpeechProviderTypes.OpenAI => OpenAIRecognizer(provider).Validate().Concat(OpenAISynthesizer(provider).Validate()).Distinct(),
            SpeechProviderTypes.Deepgram => DeepgramRecognizer(provider).Validate(),
            SpeechProviderTypes.ElevenLabs => ElevenLabsSynthesizer(provider).Validate(),
            _ => [],
        };
        return problems.Select(problem => $"Provider '{provider.Name}' ({provider.Type}): {problem}");
    }

    private static OpenAIRecognizerOptions OpenAIRecognizer(SpeechProviderOptions provider)
    {
        var defaults = new OpenAIRecognizerOptions();
        return defaults with
        {
            Name = provider.Name,
            BaseUrl = Url(provider, defaults.BaseUrl),
            ApiKey = provider.ApiKey ?? string.Empty,
            Models = provider.Models,
            Language = provider.Language,
            RequestTimeout = provider.RequestTimeout,
        };
    }

    private static DeepgramRecognizerOptions DeepgramRecognizer(SpeechProviderOptions provider)
    {
        var defaults = new DeepgramRecognizerOptions();
        return defaults with
        {
            Name = provider.Name,
            BaseUrl = Url(provider, defaults.BaseUrl),
            ApiKey = provider.ApiKey ?? string.Empty,
            Models = provider.Models,
            Language = provider.Language,
            RequestTimeout = provider.RequestTimeout,
            StallTimeout = provider.StallTimeout,
        };
    }

    private static OpenAISynthesizerOptions OpenAISynthesizer(SpeechProviderOptions provider)
    {
        var defaults = new OpenAISynthesizerOptions();
        return defaults with
        {
            Name = provider.Name,
            BaseUrl = Url(provider, defaults.BaseUrl),
            ApiKey = provider.ApiKey ?? string.Empty,
            Models = provider.SpeechModel is { } model ? [model] : [],
            Voices = provider.Voices,
            RequestTimeout = provider.RequestTimeout,
            StallTimeout = provider.StallTimeout,
        };
    }

    private static ElevenLabsSynthesizerOptions ElevenLabsSynthesizer(SpeechProviderOptions provider)
    {
        var defaults = new ElevenLabsSynthesizerOptions();
        return defaults with
        {
            Name = provider.Name,
            BaseUrl = Url(provider, defaults.BaseUrl),
            ApiKey = provider.ApiKey ?? string.Empty,
            Models = provider.SpeechModel is { } model ? [model] : [],
            Voices = provider.Voices,
            RequestTimeout = provider.RequestTimeout,
            StallTimeout = provider.StallTimeout,
        };
    }

    // Configuration binds "http://host:8000/v1" to a Uri; the engines join paths onto the text without a trailing slash.
    private static string Url(SpeechProviderOptions provider, string vendorDefault)
        => provider.BaseUrl is { } url ? url.OriginalString.TrimEnd('/') : vendorDefault;

    private static T Checked<T>(SpeechProviderOptions provider, T options, Func<T, IEnumerable<string>> validate)
    {
        var problems = validate(options).ToList();
        return problems.Count == 0
            ? options
            : throw new InvalidOperationException($"Parley:Speech:Providers '{provider.Name}' ({provider.Type}) is not valid: {string.Join(" ", problems)}");
    }
}
