using System.Diagnostics;

namespace Parley.Bench.Soak;

/// <summary>Sessions one after another (<see cref="ShortSession"/>), the server's memory and open files read after each.</summary>
internal static class SessionsSoak
{
    public static async Task<SessionsSoakResult> RunAsync(BenchOptions options, BenchClips clips, ServerProbe probe, CancellationToken cancellationToken = default)
    {
        var voiceUri = VoiceUri(options);
        var clock = Stopwatch.StartNew();
        var samples = new List<ProcessSample> { ProcessSample.Of(probe, 0, 0) };
        var errors = new List<string>();
        for (var session = 1; session <= options.SoakSessions; session++)
        {
            var question = clips.Questions[session % clips.Questions.Count];
            if (await ShortSession.RunAsync(voiceUri, question, cancellationToken) is { } error)
            {
                errors.Add($"session {session}: {error}");
            }

            samples.Add(ProcessSample.Of(probe, clock.Elapsed.TotalSeconds, session));
            if (session % 100 == 0)
            {
                var last = samples[^1];
                Console.WriteLine($"sessions: {session}/{options.SoakSessions}, {clock.Elapsed.TotalSeconds:0} s, RSS {last.RssMiB:0.0} MiB, open files {last.OpenFiles}, threads {last.Threads}, errors {errors.Count}");
            }
        }

        return new SessionsSoakResult
        {
            Sessions = options.SoakSessions,
            WarmupSessions = options.SoakWarmupSessions,
            WallSeconds = clock.Elapsed.TotalSeconds,
            Errors = errors.Count,
            ErrorMessages = [.. errors.Take(50)],
            Samples = samples,
        };
    }

    private static Uri VoiceUri(BenchOptions options) => new UriBuilder(options.Url)
    {
        Scheme = options.Url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        Path = "/ws/voice",
        Query = $"token={Uri.EscapeDataString(options.ApiKey)}",
    }.Uri;
}
