using Parley.Engines.Audio;
using Parley.Engines.Memory;
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
            var vad = new SileroVoiceActivityDetector((section.GetSection("Silero").Get<SileroOptions>() ?? new SileroOptions()) with { ModelsDirectory = options.ModelsDirectory });
            var recognizer = LoadRecognizer(section.GetSection("PocketSphinx").Get<PocketSphinxOptions>() ?? new PocketSphinxOptions(), time, logger);
            var synthesizer = new FliteSynthesizer(section.GetSection("Flite").Get<FliteOptions>() ?? new FliteOptions());
            var resampler = new SoxrResampler();
            var warm = synthesizer.SynthesizeAsync("Ready.", synthesizer.DefaultVoice).AsTask().GetAwaiter().GetResult();
            resampler.Resample(warm.Samples, warm.SampleRate, Protocol.AudioFormats.OutputSampleRate);
            using (var stream = vad.CreateStream())
            {
                stream.Process(new float[vad.FrameSamples]);
            }

            var catalog = SpeechCatalogBuilder.Build(speech, recognizer, synthesizer, providers, presets, loggerFactory, time);

            // Loading freed a few MiB of native temporaries (the VAD's graph optimisation, the warm-up); an idle server
            // should not wait for the first trim (Parley:Memory:TrimInterval) to give them back.
            NativeHeap.ReleaseFreedMemory();
            _ready.TrySetResult(new LoadedEngines(vad, recognizer, synthesizer, resampler, catalog));
            LogLoaded(logger, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex)
        {
            LogLoadFailed(logger, ex);
            _ready.TrySetException(ex);
        }
    }

    /// <summary>PocketSphinx as configured; in process, with a warning, when the forked mode's helper cannot run.</summary>
    /// <remarks>
    /// A server whose helper is missing (setup not re-run after an upgrade, a machine without gcc) still hears its callers
    /// with the same words: the in-process mode differs only in memory per caller and in a native crash taking the server
    /// with it, which the warning says. Anything else (a missing model, arguments PocketSphinx refuses) would fail in
    /// process too, so it fails here.
    /// </remarks>
    internal static PocketSphinxRecognizer LoadRecognizer(PocketSphinxOptions options, TimeProvider time, ILogger logger)
    {
        try
        {
            return new PocketSphinxRecognizer(options, time);
        }
        catch (PocketSphinxHelperUnavailableException ex) when (options.Mode == PocketSphinxMode.Forked)
        {
            LogForkedModeUnavailable(logger, ex.Message);
            return new PocketSphinxRecognizer(options with { Mode = PocketSphinxMode.InProcess }, time);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "PocketSphinx decodes in the server's process instead of forked helper processes (every caller's decoder a whole copy of the models instead of a fork sharing them, and a native crash ends the server): {Reason}")]
    private static partial void LogForkedModeUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The embedded engines failed to load; voice sessions will fail until this is fixed.")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);
}
