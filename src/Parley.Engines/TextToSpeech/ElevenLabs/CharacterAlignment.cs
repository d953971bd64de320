namespace Parley.Engines.TextToSpeech.ElevenLabs;

/// <summary>When each character of a message's text is spoken, in milliseconds from the start of that message's audio.</summary>
/// <param name="Chars">The characters (entries may hold more than one).</param>
/// <param name="StartsMs">When each starts.</param>
/// <param name="DurationsMs">How long each lasts.</param>
internal sealed record CharacterAlignment(IReadOnlyList<string> Chars, IReadOnlyList<double> StartsMs, IReadOnlyList<double> DurationsMs);
