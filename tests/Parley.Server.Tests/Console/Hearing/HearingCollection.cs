namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>
/// The hearing comparison, alone in the process after every parallel collection: four real-time streams (two through a
/// browser) that must keep up with the clip they play, compared word for word, so nothing else may starve them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HearingCollection
{
    public const string Name = "hearing";
}
