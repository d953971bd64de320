namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>One session of the hearing comparison: what the server heard and answered, through one path, in one voice.</summary>
/// <param name="Path"><c>page</c> (the console in Chromium, from its fake microphone) or <c>direct</c> (the same clip over <c>/ws/voice</c>).</param>
/// <param name="Capture">For the page: what the browser applied (its settings, the context rate, how long the microphone took to open); for either path, a session that did not end.</param>
/// <param name="Timeline">What the server sent and when (seconds from the first audio), for reading a failure.</param>
/// <param name="Ended">Whether the session ended after stop (a page that never gets <c>ended</c> is a failure of its own).</param>
public sealed record HearingRun(string Path, string Voice, int Run, IReadOnlyList<string> Heard, IReadOnlyList<string> Replies, HearingScore Score, string Capture = "", string Timeline = "", bool Ended = true);
