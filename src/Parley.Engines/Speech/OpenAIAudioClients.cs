using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Audio;

namespace Parley.Engines.Speech;

/// <summary>Makes the OpenAI client's <see cref="AudioClient"/> for an OpenAI-compatible server, as the remote engines want it.</summary>
internal static class OpenAIAudioClients
{
    /// <param name="model">The model its requests name.</param>
    /// <param name="baseUrl">The server, up to <c>/v1</c>.</param>
    /// <param name="apiKey">The key; empty for servers that need none.</param>
    /// <param name="longestWait">The engine's longest own timeout; the client's network timeout only backs it up.</param>
    public static AudioClient Create(string model, string baseUrl, string apiKey, TimeSpan longestWait)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(baseUrl),
            // The engine's own timeouts (on the injected clock) are the ones that count.
            NetworkTimeout = longestWait * 2,
            // Retries and fallback belong to the wrappers around engines, which know whether someone is still waiting.
            RetryPolicy = new ClientRetryPolicy(0),
        };
        // Local servers want no key, but the client insists on one.
        return new AudioClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey), options);
    }
}
