namespace Parley.Engines.TextToSpeech;

/// <summary>One piece of text (a sentence or clause) to speak.</summary>
/// <param name="Text">What to say.</param>
/// <param name="Voice">One of the engine's <see cref="ISpeechSynthesizer.Voices"/>.</param>
public sealed record SynthesisRequest(string Text, string Voice)
{
    /// <summary>Someone waits for this now (a reply's first piece), rather than it being made ahead of need: an engine that does one at a time takes it first.</summary>
    public bool Urgent { get; init; }

    /// <summary>The model, when the engine serves several; null for the engine's default.</summary>
    public string? Model { get; init; }
}
