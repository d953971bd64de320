using Microsoft.ML.OnnxRuntime;
using Parley.Engines.Models;

namespace Parley.Engines.VoiceActivity;

/// <summary>Silero VAD v5 on ONNX Runtime: one shared model, one small state per stream.</summary>
public sealed class SileroVoiceActivityDetector : IVoiceActivityDetector, IDisposable
{
    /// <summary>Names the model's inputs must carry.</summary>
    internal static readonly string[] InputNames = ["input", "state", "sr"];

    /// <summary>Names of the model's outputs: the speech probability and the next state.</summary>
    internal static readonly string[] OutputNames = ["output", "stateN"];

    private readonly InferenceSession _session;
    private readonly long[] _sampleRateShape;
    private volatile bool _disposed;

    /// <summary>Loads the model; throws <see cref="FileNotFoundException"/> when it cannot be found.</summary>
    public SileroVoiceActivityDetector(SileroOptions? options = null)
    {
        options ??= new SileroOptions();
        var modelPath = options.ModelPath ?? ModelLocator.Find(SileroOptions.ModelFileName, options.ModelsDirectory);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Silero VAD model not found at '{modelPath}'.", modelPath);
        }

        // A frame is a few hundred microseconds of work: thread pools would cost more than they save, and sessions
        // run in parallel on their own threads anyway.
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            EnableCpuMemArena = options.ReuseBuffers,
            EnableMemoryPattern = options.ReuseBuffers,
        };
        if (!options.ReuseBuffers)
        {
            sessionOptions.AddSessionConfigEntry("session.disable_prepacking", "1");
        }

        _session = new InferenceSession(modelPath, sessionOptions);
        try
        {
            _sampleRateShape = CheckModel(_session, modelPath);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string Name => "silero-v5";

    /// <inheritdoc />
    public int SampleRate => 16000;

    /// <inheritdoc />
    public int FrameSamples => 512;

    /// <inheritdoc />
    public IVoiceActivityStream CreateStream()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new SileroVoiceActivityStream(_session, SampleRate, FrameSamples, _sampleRateShape);
    }

    /// <summary>Releases the model; streams must be disposed first.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _session.Dispose();
    }

    // Fails early with a clear message if the file is not the v5 model, instead of on the first audio frame.
    // Returns the shape of 'sr', which exports declare either as a scalar or as [1].
    private static long[] CheckModel(InferenceSession session, string modelPath)
    {
        foreach (var name in InputNames)
        {
            if (!session.InputMetadata.ContainsKey(name))
            {
                throw new InvalidOperationException($"'{modelPath}' is not a Silero VAD v5 model: it has no input '{name}'.");
            }
        }

        foreach (var name in OutputNames)
        {
            if (!session.OutputMetadata.ContainsKey(name))
            {
                throw new InvalidOperationException($"'{modelPath}' is not a Silero VAD v5 model: it has no output '{name}'.");
            }
        }

        return session.InputMetadata["sr"].Dimensions.Length == 0 ? [] : [1];
    }
}
