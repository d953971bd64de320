namespace Parley.Engines.TextToSpeech.ElevenLabs;

/// <summary>The configured voices: names agents use, each with its ElevenLabs voice id (<c>name=voice_id</c>, or an id that is its own name).</summary>
internal sealed class ElevenLabsVoices
{
    private readonly Dictionary<string, string> _ids = new(StringComparer.OrdinalIgnoreCase);

    public ElevenLabsVoices(IReadOnlyList<string> entries)
    {
        var names = new List<string>();
        foreach (var entry in entries)
        {
            var (name, id) = Split(entry);
            if (_ids.TryAdd(name, id))
            {
                names.Add(name);
            }
        }

        Names = names;
    }

    /// <summary>The voice names, in configured order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The voice id of <paramref name="name"/>, or null when it is not configured.</summary>
    public string? IdOf(string? name) => name is not null && _ids.TryGetValue(name, out var id) ? id : null;

    /// <summary>A message naming the first malformed entry, or null.</summary>
    public static string? Problem(IReadOnlyList<string> entries)
    {
        foreach (var entry in entries)
        {
            var (name, id) = Split(entry ?? "");
            if (name.Length == 0 || id.Length == 0 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-'))
            {
                return $"Voices entry '{entry}' must be a voice id or name=voice_id (ids hold letters, digits, '_' and '-').";
            }
        }

        return null;
    }

    private static (string Name, string Id) Split(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (entry.Trim(), entry.Trim()) : (entry[..equals].Trim(), entry[(equals + 1)..].Trim());
    }
}
