using Parley.Engines.Audio;
using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;
using Parley.Engines.TextToSpeech;
using Parley.Engines.VoiceActivity;
using Parley.Server.Configuration;

namespace Parley.Server.Engines;

/// <summary>Loads the embedded engines once, off the start-up path, and hands them out when they are ready.</summary>
/// <remarks><c>/healthz</c> answers 200 only once <see cref="IsReady"/>; sessions that arrive earlier wait for it.</remarks>
internal sealed partial class EngineHost(
    ParleyServerOptions options,
    IConfiguration configuration,
    SpeechOptions speech,
    VoicePresets presets,
    ISpeechProviderFactory providers,
    ILoggerFactory loggerFactory,
    TimeProvider time,
    ILogger<EngineHost> logger) : IDisposable
{
    private readonly TaskCompletionSource<LoadedEngines> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether every engine has loaded.</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>The voice names agents and sessions may ask for (every synthesiser's voices and the presets onto them); empty until the engines are loaded.</summary>
    public IReadOnlyCollection<string> Voices => IsReady ? _ready.Task.Result.Speech.VoiceNames : [];

    /// <summary>The engines, once loaded; faults if loading failed.</summary>
    public Task<LoadedEngines> WhenReady => _ready.Task;

    /// <summary>Loads every engine and warms it with a little work, so the first session pays nothing.</summary>
    public void Load()
    {
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var section = configuration.GetSection("Parley:Engines");
            var vad = new SileroVoiceActivityDetector(new SileroOptions { ModelsDirectory = options.ModelsDirectory });
            var recognizer = new PocketSphinxRecognizer(section.GetSection("PocketSphinx").Get<PocketSphinxOptions>() ?? new PocketSphinxOptions(), time);
            var synthesizer = new FliteSynthesizer(section.GetSection("Flite").Get<FliteOptions>() ?? new FliteOptions());
            var resampler = new SoxrResampler();
            var warm = synthesizer.SynthesizeAsync("Ready.", synthesizer.DefaultVoice).AsTask().GetAwaiter().GetResult();
            resampler.Resample(warm.Samples, warm.SampleRate, Protocol.AudioFormats.OutputSampleRate);
            using (var stream = vad.CreateStream())
            {
                stream.Process(new float[vad.FrameSamples]);
            }

            var catalog = SpeechCatalogBuilder.Build(speech, recognizer, synthesizer, providers, presets, loggerFactory, time);
            _ready.TrySetResult(new LoadedEngines(vad, recognizer, synthesizer, resampler, catalog));
            LogLoaded(logger, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex)
        {
            LogLoadFailed(logger, ex);
            _ready.TrySetException(ex);
        }
    }

    public void Dispose()
    {
        if (!_ready.Task.IsCompletedSuccessfully)
        {
            return;
        }

        var engines = _ready.Task.Result;
        engines.Recognizer.Dispose();
        (engines.VoiceActivity as IDisposable)?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Engines loaded in {Milliseconds:F0} ms.")]
    private static partial void LogLoaded(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The embedded engines failed to load; voice sessions will fail until this is fixed.")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);
}
