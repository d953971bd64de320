using Parley.Engines.SpeechToText;
using Parley.Engines.TextToSpeech;

namespace Parley.Engines.Speech;

/// <summary>Creates the remote engines of each provider type (<see cref="SpeechProviderTypes"/>), bare: the catalog adds the wrappers.</summary>
public interface ISpeechProviderFactory
{
    /// <summary>The recogniser of a provider whose type recognises speech.</summary>
    ISpeechRecognizer CreateRecognizer(SpeechProviderOptions provider);

    /// <summary>The synthesiser of a provider whose type speaks.</summary>
    ISpeechSynthesizer CreateSynthesizer(SpeechProviderOptions provider);
}
