using System.Net.Http.Json;
using System.Text.Json;
using Parley.Client.Http;
using Parley.Client.Serialization;
using Parley.Client.Voice;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.Client.VoiceSessions;

/// <summary><c>POST /v1/voice</c>: checks a session's parameters and hands out a single-use WebSocket URL, so the API key never ships in an app.</summary>
public sealed class VoiceSessionsClient
{
    private readonly ParleyHttp _http;

    internal VoiceSessionsClient(ParleyHttp http) => _http = http;

    /// <summary>Checks the parameters (agent, conversation, knowledge, voice) and returns where to connect.</summary>
    /// <exception cref="Errors.ParleyNotFoundException">The agent, conversation or a knowledge does not exist for this key.</exception>
    /// <exception cref="Errors.ParleyBadRequestException">A value is out of range or an unknown voice.</exception>
    public async Task<VoiceSessionHandoff> CreateAsync(StartPayload? start = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/voice") { Content = JsonContent.Create(start ?? new StartPayload(), ProtocolJsonContext.Default.StartPayload) };
        var answer = await _http.SendAsync(request, ClientJsonContext.Default.VoiceSessionAnswer, cancellationToken).ConfigureAwait(false);
        var frame = VoiceMessageCodec.Deserialize(JsonSerializer.SerializeToUtf8Bytes(answer.StartMessage, ClientJsonContext.Default.JsonElement));
        var payload = frame is StartMessage startMessage ? startMessage.Payload : throw new Errors.ParleyApiException("POST /v1/voice answered a start_message that is not a start frame.");
        return new VoiceSessionHandoff(new Uri(answer.Url), answer.AgentId, payload);
    }

    /// <summary>Asks for a handoff and opens a <see cref="VoiceSession"/> with it; call <see cref="VoiceSession.StartAsync"/> next.</summary>
    /// <remarks>When the connection drops, each reconnection asks for a new handoff that resumes the same conversation.</remarks>
    public Task<VoiceSession> ConnectAsync(StartPayload? start = null, VoiceSessionOptions? options = null, CancellationToken cancellationToken = default)
        => VoiceSession.ConnectAsync(new HandoffVoiceConnector(this), start ?? new StartPayload(), options, cancellationToken);
}
