using System.Text.Json;

namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>The 16 kHz PCM16 a page sent in its <c>audio</c> messages, in order, gathered from the socket's frames.</summary>
public sealed class SentAudio
{
    private readonly List<short> _samples = [];

    /// <summary>Takes a frame the page sent; anything but an <c>audio</c> message is ignored.</summary>
    public void Add(string? json)
    {
        if (json is null || !json.Contains("\"audio\"", StringComparison.Ordinal))
        {
            return;
        }

        using var message = JsonDocument.Parse(json);
        if (message.RootElement.GetProperty("type").GetString() != "audio")
        {
            return;
        }

        var bytes = Convert.FromBase64String(message.RootElement.GetProperty("payload").GetProperty("data").GetString() ?? string.Empty);
        lock (_samples)
        {
            for (var i = 0; i + 1 < bytes.Length; i += 2)
            {
                _samples.Add((short)(bytes[i] | (bytes[i + 1] << 8)));
            }
        }
    }

    /// <summary>What was sent so far, in order.</summary>
    public short[] Samples()
    {
        lock (_samples)
        {
            return [.. _samples];
        }
    }
}
