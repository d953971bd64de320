namespace Parley.Cli.Ask;

/// <summary>The WAV file the agent's answer was written to.</summary>
internal sealed record AskAudio(string Path, int SampleRate, long DurationMs, long Bytes);
