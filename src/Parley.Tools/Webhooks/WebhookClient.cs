using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Parley.Storage.Agents;
using Parley.Tools.Outbound;
using Parley.Tools.Secrets;

namespace Parley.Tools.Webhooks;

/// <summary>Calls webhooks: fills in secrets, sends through the guarded HTTP client within the webhook's timeout, and reads the answer.</summary>
/// <remarks>Logs the webhook's name, host and outcome, never its path, query, headers or body, which may hold personal data or secrets.</remarks>
public sealed partial class WebhookClient(
    IHttpClientFactory httpClients, SecretGate secrets, WebhookOptions options, TimeProvider timeProvider, ILogger<WebhookClient> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> webhooks go through (no redirects, no proxy, guarded connections).</summary>
    public const string HttpClientName = "Parley.Webhooks";

    /// <summary>Calls <paramref name="webhook"/> of an agent of <paramref name="teamspaceId"/>; the result is the status and the (shortened) body.</summary>
    /// <exception cref="WebhookException">Refused, unreachable, too slow, or an answer other than 2xx.</exception>
    /// <exception cref="ArgumentException">An argument the URL needs is missing or unusable.</exception>
    public async Task<JsonElement> CallAsync(string teamspaceId, AgentWebhook webhook, AIFunctionArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(arguments);
        var values = await ReadSecretsAsync(teamspaceId, webhook, cancellationToken).ConfigureAwait(false);
        using var request = WebhookRequestFactory.Create(webhook, WebhookArguments.Read(arguments), values);
        var host = request.RequestUri!.Host;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(webhook.TimeoutMs), timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = timeProvider.GetTimestamp();
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var (text, truncated) = await WebhookResponseReader.ReadTextAsync(response.Content, options.MaxResultBytes, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            LogAnswered(logger, webhook.Name, host, status, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            if (status is >= 200 and < 300)
            {
                return WebhookResponseReader.Result(status, response.Content.Headers.ContentType?.MediaType, text, truncated);
            }

            throw new WebhookException(Failure(webhook, response, text));
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, webhook.Name, host, "timed out");
            throw new WebhookException($"Webhook '{webhook.Name}' did not answer within {webhook.TimeoutMs} ms.", ex);
        }
        catch (HttpRequestException ex) when (OutboundRefusedException.Find(ex) is { } refused)
        {
            LogFailed(logger, webhook.Name, host, "refused by the guard");
            throw new WebhookException($"Webhook '{webhook.Name}' was not called: {refused.Message}", refused);
        }
        catch (HttpRequestException ex)
        {
            LogFailed(logger, webhook.Name, host, ex.Message);
            throw new WebhookException($"Webhook '{webhook.Name}' could not reach {host}: {ex.Message}", ex);
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> ReadSecretsAsync(string teamspaceId, AgentWebhook webhook, CancellationToken cancellationToken)
    {
        var target = WebhookUrlTemplate.Origin(webhook.Url);
        try
        {
            return await secrets.ReadForAsync(teamspaceId, webhook.Headers.Values, target, cancellationToken).ConfigureAwait(false);
        }
        catch (OutboundRefusedException ex)
        {
            LogFailed(logger, webhook.Name, target.Host, "a secret it refers to is not bound to this host");
            throw new WebhookException($"Webhook '{webhook.Name}' was not called: {ex.Message}", ex);
        }
        catch (CryptographicException ex)
        {
            // The key ring that encrypted them is gone (a new data folder, another node): the values are lost.
            throw new WebhookException($"Webhook '{webhook.Name}' cannot read its secrets: they were stored with keys this server does not have.", ex);
        }
    }

    private static string Failure(AgentWebhook webhook, HttpResponseMessage response, string text)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            // Redirects are not followed: the headers (and their secrets) would go wherever the answer pointed.
            return $"Webhook '{webhook.Name}' answered {status}, a redirect to '{response.Headers.Location}', which is not followed.";
        }

        var excerpt = text.Length <= 500 ? text : text[..500] + "…";
        return excerpt.Length == 0 ? $"Webhook '{webhook.Name}' answered {status}." : $"Webhook '{webhook.Name}' answered {status}: {excerpt}";
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {Name} at {Host} answered {Status} in {Milliseconds:0} ms.")]
    private static partial void LogAnswered(ILogger logger, string name, string host, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Name} at {Host} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string name, string host, string reason);
}
