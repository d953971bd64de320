using Microsoft.ML.OnnxRuntime;

namespace Parley.Engines.VoiceActivity;

/// <summary>One session's Silero state: the recurrent state and the last samples of the previous frame.</summary>
/// <remarks>
/// All tensors wrap buffers owned by the stream and are bound to the model once, so a frame costs a copy in, one
/// model run and a copy of the state, without managed allocations (plain Run calls allocate ~400 bytes each).
/// </remarks>
internal sealed class SileroVoiceActivityStream : IVoiceActivityStream
{
    // v5 expects each frame preceded by the last 64 samples of the previous one.
    private const int ContextSamples = 64;
    private const int StateLength = 2 * 1 * 128;

    private readonly InferenceSession _session;
    private readonly int _frameSamples;
    private readonly float[] _input;
    private readonly float[] _state = new float[StateLength];
    private readonly float[] _nextState = new float[StateLength];
    private readonly float[] _probability = new float[1];
    private readonly OrtValue[] _values;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    // Process is documented as single-caller, but a Dispose racing a model run would free tensors native code is
    // reading; an uncontended lock costs nanoseconds per 32 ms frame.
    private readonly Lock _gate = new();
    private bool _disposed;

    public SileroVoiceActivityStream(InferenceSession session, int sampleRate, int frameSamples, long[] sampleRateShape)
    {
        _session = session;
        _frameSamples = frameSamples;
        _input = new float[ContextSamples + frameSamples];
        _values =
        [
            OrtValue.CreateTensorValueFromMemory(_input, [1, _input.Length]),
            OrtValue.CreateTensorValueFromMemory(_state, [2, 1, 128]),
            OrtValue.CreateTensorValueFromMemory(new long[] { sampleRate }, sampleRateShape),
            OrtValue.CreateTensorValueFromMemory(_probability, [1, 1]),
            OrtValue.CreateTensorValueFromMemory(_nextState, [2, 1, 128]),
        ];

        // CPU tensors are bound by reference: the model reads and writes the arrays above in place.
        _binding = session.CreateIoBinding();
        for (var i = 0; i < SileroVoiceActivityDetector.InputNames.Length; i++)
        {
            _binding.BindInput(SileroVoiceActivityDetector.InputNames[i], _values[i]);
        }

        for (var i = 0; i < SileroVoiceActivityDetector.OutputNames.Length; i++)
        {
            _binding.BindOutput(SileroVoiceActivityDetector.OutputNames[i], _values[SileroVoiceActivityDetector.InputNames.Length + i]);
        }
    }

    public float Process(ReadOnlySpan<float> frame)
    {
        if (frame.Length != _frameSamples)
        {
            throw new ArgumentException($"A frame must hold exactly {_frameSamples} samples, got {frame.Length}.", nameof(frame));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            frame.CopyTo(_input.AsSpan(ContextSamples));
            _session.RunWithBinding(_runOptions, _binding);
            _nextState.CopyTo(_state, 0);
            _input.AsSpan(_frameSamples, ContextSamples).CopyTo(_input);
            return _probability[0];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Array.Clear(_input);
            Array.Clear(_state);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _binding.Dispose();
            foreach (var value in _values)
            {
                value.Dispose();
            }

            _runOptions.Dispose();
        }
    }
}
