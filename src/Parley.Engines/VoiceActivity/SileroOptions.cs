namespace Parley.Engines.VoiceActivity;

/// <summary>Where to find the Silero VAD v5 model.</summary>
public sealed record SileroOptions
{
    /// <summary>The model file name that setup fetches into the models folder.</summary>
    public const string ModelFileName = "silero_vad_v5.onnx";

    /// <summary>Full path of the model; when null it is looked up with <see cref="Models.ModelLocator"/>.</summary>
    public string? ModelPath { get; init; }

    /// <summary>A models folder searched before the defaults when <see cref="ModelPath"/> is null.</summary>
    public string? ModelsDirectory { get; init; }
}
