namespace Parley.Client.Audio;

/// <summary>A program that records to its standard output or plays from its standard input, raw PCM16 little-endian.</summary>
/// <param name="FileName">The program, looked up on <c>PATH</c> unless a path.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Description">What it is, for messages, e.g. <c>parec (PulseAudio)</c>.</param>
public sealed record AudioProgram(string FileName, IReadOnlyList<string> Arguments, string Description);
