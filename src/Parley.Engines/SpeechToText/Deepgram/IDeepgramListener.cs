namespace Parley.Engines.SpeechToText.Deepgram;

/// <summary>The utterance a connection's messages are for; called on the connection's receive loop.</summary>
internal interface IDeepgramListener
{
    /// <summary>A message arrived.</summary>
    void OnMessage(DeepgramMessage message);

    /// <summary>The connection failed; nothing more will arrive on it.</summary>
    void OnFailed(Speech.SpeechEngineException failure);
}
