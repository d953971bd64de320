namespace Parley.Bench;

/// <summary>The server's memory before the first step, from which each step's growth per session is counted.</summary>
internal sealed record IdleMemory(double? RssMiB, double? PssMiB, int Processes);
