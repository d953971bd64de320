using System.Text.Json;

namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>What the hearing comparison runs in the page before the console's own scripts, to measure a setting.</summary>
internal static class HearingPageScript
{
    /// <summary>The page's init script for the settings measured: capture constraints, the AudioContext's rate, the capture path; null for the console as it is.</summary>
    public static string? For(string? constraints, int? contextRate, bool worklet)
    {
        var scripts = new[] { ConstraintsScript(constraints), ContextRateScript(contextRate), worklet ? "delete window.MediaStreamTrackProcessor;" : null }.OfType<string>().ToList();
        return scripts.Count == 0 ? null : string.Join("\n", scripts);
    }

    private static string? ContextRateScript(int? rate) => rate is null ? null : $$"""
        {
          const Base = window.AudioContext;
          window.AudioContext = class extends Base { constructor(options) { super({ ...(options ?? {}), sampleRate: {{rate}} }); } };
        }
        """;

    /// <summary>A script that merges <paramref name="constraints"/> (JSON) into the audio constraints the page asks for.</summary>
    private static string? ConstraintsScript(string? constraints)
    {
        if (constraints is null)
        {
            return null;
        }

        using (var parsed = JsonDocument.Parse(constraints))
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidOperationException($"{ConsoleHearingTests.ConstraintsVariable} must be a JSON object, e.g. {{\"autoGainControl\":true}}.");
            }
        }

        return $$"""
            {
              const extra = {{constraints}};
              const ask = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
              navigator.mediaDevices.getUserMedia = (c) => ask({ ...c, audio: { ...(typeof c.audio === 'object' ? c.audio : {}), ...extra } });
            }
            """;
    }
}
