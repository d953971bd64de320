using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;
using Parley.Engines.TextToSpeech;

namespace Parley.Server.Speech;

/// <summary>Creates the remote speech engines of the configured providers, by type.</summary>
internal sealed class RemoteSpeechProviders : ISpeechProviderFactory
{
    public ISpeechRecognizer CreateRecognizer(SpeechProviderOptions provider)
        => throw new NotSupportedException($"Speech provider type '{provider.Type}' cannot recognise speech yet.");

    public ISpeechSynthesizer CreateSynthesizer(SpeechProviderOptions provider)
        => throw new NotSupportedException($"Speech provider type '{provider.Type}' cannot speak yet.");
}
