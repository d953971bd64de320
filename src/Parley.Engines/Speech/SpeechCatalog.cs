using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Parley.Engines.SpeechToText;
using Parley.Engines.TextToSpeech;

namespace Parley.Engines.Speech;

/// <summary>The configured speech engines, found by provider, model and voice names (see <see cref="ISpeechCatalog"/>).</summary>
/// <remarks>
/// <para><c>stt_model</c>, like <c>llm_model</c>: <c>provider</c>, <c>provider/model</c>, a model some provider lists, else the default (an
/// unknown name is logged once).</para>
/// <para><c>voice_preset</c>: a voice of the default synthesiser, <c>provider/voice</c>, a voice only one other synthesiser has (Flite's, when a
/// remote one is the default), or a preset (<c>Parley:Voices:Presets</c>) onto any of these; nothing else.</para>
/// </remarks>
public sealed partial class SpeechCatalog : ISpeechCatalog
{
    private readonly IReadOnlyList<RecognizerEntry> _recognizers;
    private readonly RecognizerEntry _defaultRecognizer;
    private readonly string? _defaultModel;
    private readonly IReadOnlyList<SynthesizerEntry> _synthesizers;
    private readonly SynthesizerEntry _defaultSynthesizer;
    private readonly VoicePresets _presets;
    private readonly ILogger? _logger;
    private readonly ConcurrentDictionary<string, bool> _unknownLogged = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="ArgumentException">A default names no engine in its list.</exception>
    public SpeechCatalog(
        IReadOnlyList<RecognizerEntry> recognizers, string defaultRecognizer, IReadOnlyList<SynthesizerEntry> synthesizers, string defaultSynthesizer,
        VoicePresets? presets = null, ILogger? logger = null)
    {
        _recognizers = recognizers;
        _synthesizers = synthesizers;
        var parts = defaultRecognizer.Split('/', 2);
        _defaultRecognizer = Named(recognizers, r => r.Name, parts[0]) ?? throw new ArgumentException($"No recogniser is named '{defaultRecognizer}'.", nameof(defaultRecognizer));
        _defaultModel = parts.Length > 1 ? parts[1] : null;
        _defaultSynthesizer = Named(synthesizers, s => s.Name, defaultSynthesizer) ?? throw new ArgumentException($"No synthesiser is named '{defaultSynthesizer}'.", nameof(defaultSynthesizer));
        _presets = presets ?? new VoicePresets();
        _logger = logger;
        VoiceNames = [.. AllVoiceNames().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    /// <summary>A catalog of one recogniser and one synthesiser (tests, tools).</summary>
    public static SpeechCatalog Of(ISpeechRecognizer recognizer, ISpeechSynthesizer synthesizer, VoicePresets? presets = null)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(synthesizer);
        return new([new RecognizerEntry(recognizer.Name, recognizer, [])], recognizer.Name, [new SynthesizerEntry(synthesizer.Name, synthesizer)], synthesizer.Name, presets);
    }

    public IReadOnlyList<string> VoiceNames { get; }

    public RecognizerRoute ResolveRecognizer(string? sttModel)
    {
        if (string.IsNullOrWhiteSpace(sttModel))
        {
            return Route(_defaultRecognizer, _defaultModel);
        }

        var slash = sttModel.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && Named(_recognizers, r => r.Name, sttModel[..slash]) is { } provider)
        {
            return Route(provider, sttModel[(slash + 1)..]);
        }

        if (Named(_recognizers, r => r.Name, sttModel) is { } named)
        {
            return Route(named, null);
        }

        if (_recognizers.FirstOrDefault(r => r.Models.Contains(sttModel, StringComparer.OrdinalIgnoreCase)) is { } lister)
        {
            return Route(lister, sttModel);
        }

        if (_logger is not null && _unknownLogged.TryAdd(sttModel, true))
        {
            LogUnknownModel(_logger, sttModel, _defaultRecognizer.Name);
        }

        return Route(_defaultRecognizer, _defaultModel);
    }

    public VoiceRoute? ResolveVoice(string? voicePreset)
    {
        if (string.IsNullOrWhiteSpace(voicePreset))
        {
            return new VoiceRoute(_defaultSynthesizer.Synthesizer, _defaultSynthesizer.Synthesizer.DefaultVoice, _defaultSynthesizer.Model);
        }

        return Voice(voicePreset) ?? (_presets.Mapped(voicePreset) is { } mapped ? Voice(mapped) : null);
    }

    private VoiceRoute? Voice(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            return Named(_synthesizers, s => s.Name, name[..slash]) is { } provider && VoiceOf(provider, name[(slash + 1)..]) is { } route ? route : null;
        }

        return VoiceOf(_defaultSynthesizer, name) ?? _synthesizers.Select(s => VoiceOf(s, name)).FirstOrDefault(r => r is not null);
    }

    private static VoiceRoute? VoiceOf(SynthesizerEntry entry, string voice)
        => entry.Synthesizer.Voices.FirstOrDefault(v => string.Equals(v, voice, StringComparison.OrdinalIgnoreCase)) is { } known
            ? new VoiceRoute(entry.Synthesizer, known, entry.Model)
            : null;

    // Bare names resolve on the default synthesiser first, then on any other; provider/voice always works.
    private IEnumerable<string> AllVoiceNames()
    {
        foreach (var entry in _synthesizers)
        {
            foreach (var voice in entry.Synthesizer.Voices)
            {
                yield return voice;
                if (entry != _defaultSynthesizer)
                {
                    yield return $"{entry.Name}/{voice}";
                }
            }
        }

        foreach (var preset in _presets.Names)
        {
            if (ResolveVoice(preset) is not null)
            {
                yield return preset;
            }
        }
    }

    private static RecognizerRoute Route(RecognizerEntry entry, string? model) => new(entry.Recognizer, model ?? entry.DefaultModel);

    private static T? Named<T>(IEnumerable<T> entries, Func<T, string> name, string wanted)
        where T : class
        => entries.FirstOrDefault(e => string.Equals(name(e), wanted, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Information, Message = "stt_model '{Model}' names no recogniser or listed model; {Default} hears those agents.")]
    private static partial void LogUnknownModel(ILogger logger, string model, string @default);
}
