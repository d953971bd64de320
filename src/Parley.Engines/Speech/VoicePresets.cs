namespace Parley.Engines.Speech;

/// <summary>Names a client may give as <c>voice_preset</c>: the engine's own voices, and named presets mapped onto them.</summary>
/// <remarks>
/// Clients written for Datagrid send its preset names (<c>sage</c>, <c>nova</c>, ...); they map onto installed voices
/// by configuration (<c>Parley:Voices:Presets</c>), with defaults for Flite. Names match case-insensitively.
/// </remarks>
public sealed class VoicePresets
{
    /// <summary>The presets when none are configured, onto Flite's voices.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["sage"] = "slt",
        ["nova"] = "slt",
        ["spark"] = "rms",
        ["echo"] = "kal16",
        ["ember"] = "awb",
    };

    private readonly Dictionary<string, string> _presets;

    public VoicePresets(IReadOnlyDictionary<string, string>? presets = null)
        => _presets = new Dictionary<string, string>(presets is { Count: > 0 } ? presets : Defaults, StringComparer.OrdinalIgnoreCase);

    /// <summary>What a preset name maps onto (a voice, or <c>provider/voice</c>); null when it names no preset.</summary>
    public string? Mapped(string name) => _presets.TryGetValue(name, out var mapped) ? mapped : null;

    /// <summary>The preset names.</summary>
    public IEnumerable<string> Names => _presets.Keys;

    /// <summary>The engine voice for <paramref name="requested"/>: a voice of the engine, or a preset onto one; null when neither.</summary>
    public string? Resolve(string requested, IReadOnlyCollection<string> engineVoices)
    {
        ArgumentNullException.ThrowIfNull(engineVoices);
        var direct = engineVoices.FirstOrDefault(v => string.Equals(v, requested, StringComparison.OrdinalIgnoreCase));
        if (direct is not null)
        {
            return direct;
        }

        return _presets.TryGetValue(requested, out var mapped) ? engineVoices.FirstOrDefault(v => string.Equals(v, mapped, StringComparison.OrdinalIgnoreCase)) : null;
    }

    /// <summary>Every name accepted with these engine voices, for error messages and validation.</summary>
    public IReadOnlyList<string> NamesFor(IReadOnlyCollection<string> engineVoices)
        => [.. engineVoices.Concat(_presets.Where(p => Resolve(p.Key, engineVoices) is not null).Select(p => p.Key)).Order(StringComparer.Ordinal)];
}
