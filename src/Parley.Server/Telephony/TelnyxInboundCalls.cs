using Parley.Storage.Agents;
using Parley.Storage.Telephony;
using Parley.Telephony;
using Parley.Telephony.Calls;
using Parley.Telephony.Telnyx;
using Parley.Tools.Outbound;

namespace Parley.Server.Telephony;

/// <summary>Takes an incoming Telnyx call whose <c>call.initiated</c> was signed by its account: answers it with its media streamed to Parley, or refuses it.</summary>
/// <remarks>
/// Call Control, not TeXML: Telnyx documents bidirectional media streaming as a Call Control feature (<c>stream_url</c> with
/// <c>stream_bidirectional_mode: rtp</c> on <c>answer</c> or dial), its webhooks are the JSON events outbound calls already
/// report by, and one Call Control application (the number's <c>account_id</c>) serves both directions with one signature
/// scheme. Answering is a command to Telnyx's API, made while the webhook waits, so the webhook's request owns it.
/// </remarks>
internal sealed partial class TelnyxInboundCalls(
    AgentStore agents, CallStore calls, CarrierCredentials credentials, IStreamTokenStore tokens, PublicUrls urls, TelephonyOptions options,
    TelnyxCallCommands commands, ILogger<TelnyxInboundCalls> logger)
{
    /// <summary>Answers the call into a session of the number's agent; a call to another number of the account, or one that cannot be answered, is rejected.</summary>
    public async Task TakeAsync(HttpRequest request, TelnyxWebhookEvent e, PhoneNumberRecord number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(number);
        var apiKey = await ApiKeyAsync(number, cancellationToken).ConfigureAwait(false);
        if (apiKey is null)
        {
            return; // Without the key Telnyx cannot be told anything: the call rings out on its side.
        }

        if (e.To != number.Number)
        {
            LogUnknownNumber(logger, e.To ?? "(none)");
            await RejectAsync(apiKey, e.CallControlId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var agent = number.AgentId is { } agentId
            ? await agents.FindAsync(number.TeamspaceId, agentId, cancellationToken).ConfigureAwait(false)
            : await agents.GetDefaultAsync(number.TeamspaceId, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            LogNoAgent(logger, number.Number, number.AgentId ?? "(default)");
            await RejectAsync(apiKey, e.CallControlId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var call = await calls.CreateAsync(new CallRecord
        {
            Id = string.Empty, TeamspaceId = number.TeamspaceId, PhoneNumberId = number.Id, Direction = "inbound", Carrier = Carriers.Telnyx,
            CarrierCallId = e.CallControlId, From = e.From ?? "unknown", To = number.Number, AgentId = agent.Id, Status = CallStatuses.Ringing,
        }, cancellationToken).ConfigureAwait(false);
        var grant = new StreamGrant(number.TeamspaceId, SessionKeys.ForNumber(number.Id), PhoneStart.For(number, agent.Id), call.Id, Carriers.Telnyx, number.Greeting);
        var token = await tokens.IssueAsync(grant, options.StreamTokenLifetime, cancellationToken).ConfigureAwait(false);
        try
        {
            await commands.AnswerAsync(apiKey, e.CallControlId, urls.WebSocket(request, MediaStreamEndpoint.PathFor(Carriers.Telnyx)), token, call.Id, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CarrierCallException ex)
        {
            LogAnswerFailed(logger, ex, call.Id);
            await calls.AdvanceAsync(call.Id, CallStatuses.Failed, $"Telnyx did not answer the call: {ex.Message}", cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<string?> ApiKeyAsync(PhoneNumberRecord number, CancellationToken cancellationToken)
    {
        try
        {
            var key = await credentials.ForApiAsync(number, options.TelnyxApiBaseUrl, cancellationToken).ConfigureAwait(false);
            if (key is null)
            {
                LogNoCredential(logger, number.Number, number.CredentialSecret, "it is gone");
            }

            return key;
        }
        catch (OutboundRefusedException ex)
        {
            LogNoCredential(logger, number.Number, number.CredentialSecret, ex.Message);
            return null;
        }
    }

    private async Task RejectAsync(string apiKey, string callControlId, CancellationToken cancellationToken)
    {
        try
        {
            await commands.RejectAsync(apiKey, callControlId, cancellationToken).ConfigureAwait(false);
        }
        catch (CarrierCallException ex)
        {
            LogRejectFailed(logger, ex, callControlId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A Telnyx call to {Number}, which is no number of Parley's, was rejected.")]
    private static partial void LogUnknownNumber(ILogger logger, string number);

    [LoggerMessage(Level = LogLevel.Error, Message = "A call to {Number} was rejected: its agent {AgentId} is gone.")]
    private static partial void LogNoAgent(ILogger logger, string number, string agentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Telnyx call to {Number} was left unanswered: its API key secret '{Secret}' cannot be used ({Reason}).")]
    private static partial void LogNoCredential(ILogger logger, string number, string secret, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telnyx did not answer call {CallId}.")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception, string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telnyx did not reject call {CallControlId}.")]
    private static partial void LogRejectFailed(ILogger logger, Exception exception, string callControlId);
}
