using System.Globalization;
using System.Text;
using Parley.Protocol.Messages;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Orchestration;

/// <summary>The frames a client received, one line each with its time, runs of audio folded into one line.</summary>
public static class WireTimeline
{
    public static string Describe(IReadOnlyList<ReceivedFrame> frames)
    {
        var text = new StringBuilder();
        var audio = new List<ReceivedFrame>();
        foreach (var frame in frames)
        {
            if (frame.Message is AudioMessage)
            {
                audio.Add(frame);
                continue;
            }

            Flush(text, audio);
            var payload = frame.Json.Length > 0 && frame.Json.Contains("\"payload\"", StringComparison.Ordinal)
                ? frame.Json[(frame.Json.IndexOf("\"payload\"", StringComparison.Ordinal) + 10)..^1]
                : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"{frame.At.TotalMilliseconds,8:F0} ms  {frame.Message.Type,-11} {payload}");
        }

        Flush(text, audio);
        return text.ToString();
    }

    private static void Flush(StringBuilder text, List<ReceivedFrame> audio)
    {
        if (audio.Count == 0)
        {
            return;
        }

        var seconds = audio.Sum(f => Convert.FromBase64String(((AudioMessage)f.Message).Payload.Data!).Length) / 48000.0;
        text.AppendLine(CultureInfo.InvariantCulture, $"{audio[0].At.TotalMilliseconds,8:F0} ms  audio       x{audio.Count} ({seconds:F2} s of speech, last frame at {audio[^1].At.TotalMilliseconds:F0} ms)");
        audio.Clear();
    }
}
