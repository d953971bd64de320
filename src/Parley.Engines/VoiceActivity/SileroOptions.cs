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

    /// <summary>ONNX Runtime's buffer reuse for the model: its memory arena, memory pattern planning and pre-packed weights.</summary>
    /// <remarks>
    /// Off by default: the model is small and a frame's tensors are a few KiB, so they held ~5 MiB of the idle server
    /// (one session: ~11-12 MiB on, ~6.5-7 off) for no difference in time per frame that could be measured (0.11-0.22 ms
    /// either way on two shared cores).
    /// </remarks>
    public bool ReuseBuffers { get; init; }
}
