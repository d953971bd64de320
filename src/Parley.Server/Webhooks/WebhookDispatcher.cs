using System.Diagnostics;
using System.Net.Http.Headers;
using Parley.Storage.Secrets;
using Parley.Storage.Webhooks;
using Parley.Tools.Outbound;

namespace Parley.Server.Webhooks;

/// <summary>
/// Delivers queued webhook events in the background: each due delivery is claimed, signed with a fresh timestamp,
/// POSTed through the outbound guard, and its attempt recorded; a failure is retried with exponential backoff
/// (<see cref="WebhookDeliveryOptions"/>) until <see cref="WebhookDeliveryOptions.RetryFor"/> after the event.
/// </summary>
/// <remarks>
/// Deliveries live in the database, so a restart loses none: the next start finds them due. Any node may attempt a
/// delivery, but only the one that claims it does (<see cref="WebhookStore.ClaimAsync"/>); a node that dies mid-attempt
/// leaves the delivery due again when its claim runs out. A 2xx answer is a delivery; anything else (another status,
/// no answer within <see cref="WebhookDeliveryOptions.AttemptTimeout"/>, a refused address) is a failed attempt.
/// </remarks>
internal sealed partial class WebhookDispatcher(
    WebhookStore store,
    SecretProtector protector,
    IHttpClientFactory httpClients,
    WebhookDeliveryOptions options,
    TimeProvider timeProvider,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>The name of the guarded HTTP client deliveries go through.</summary>
    public const string HttpClientName = "parley-webhook-deliveries";

    private const int Batch = 50;
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromHours(1);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _lastHousekeeping;

    /// <summary>Deliveries were queued on this node: attempt them now rather than at the next poll.</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Out of StartAsync: the host need not wait for the database before it starts listening.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake);
            TimeSpan wait;
            try
            {
                await RunDueAsync(stoppingToken).ConfigureAwait(false);
                await KeepHouseAsync(stoppingToken).ConfigureAwait(false);
                var next = await store.NextDueAsync(stoppingToken).ConfigureAwait(false);
                var untilNext = next is { } due ? due - timeProvider.GetUtcNow() : options.PollInterval;
                wait = untilNext < options.PollInterval ? untilNext : options.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(logger, ex);
                wait = options.PollInterval;
            }

            if (wait > TimeSpan.Zero && !await WaitAsync(wake, wait, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Attempts every delivery due now (up to <see cref="WebhookDeliveryOptions.MaxConcurrentAttempts"/> at once); returns how many were attempted.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var attempted = 0;
        while (true)
        {
            var due = await store.ListDueAsync(timeProvider.GetUtcNow(), Batch, cancellationToken).ConfigureAwait(false);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentAttempts, CancellationToken = cancellationToken };
            var count = 0;
            await Parallel.ForEachAsync(due, parallel, async (delivery, token) =>
            {
                if (await AttemptAsync(delivery, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref count);
                }
            }).ConfigureAwait(false);
            attempted += count;
            if (due.Count < Batch || count == 0)
            {
                return attempted;
            }
        }
    }

    /// <summary>The wait after attempt <paramref name="attempt"/> (1 for the first) failed: doubling from the first retry delay, capped, ±20 %.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var doubled = options.FirstRetryDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(doubled, options.MaxRetryDelay.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    private async Task<bool> AttemptAsync(DueDelivery due, CancellationToken cancellationToken)
    {
        var delivery = due.Delivery;
        var started = timeProvider.GetUtcNow();
        // The claim outlasts the attempt twice over; a node that dies holding it leaves the delivery due again then.
        if (!await store.ClaimAsync(delivery, started + options.AttemptTimeout + options.AttemptTimeout, cancellationToken).ConfigureAwait(false))
        {
            return false; // Another node has it.
        }

        if (!due.Enabled)
        {
            await store.RecordAttemptAsync(Attempt(delivery, started, null, "The webhook was disabled before the event could be delivered.", 0),
                WebhookDeliveryStates.Failed, null, cancellationToken).ConfigureAwait(false);
            return true;
        }

        int? status;
        string? error;
        try
        {
            (status, error) = await SendAsync(due, started, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the attempt was not made, so it is not recorded; the delivery is due again for the next start.
            await store.ReleaseAsync(delivery.Id, started, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var elapsed = (long)(timeProvider.GetUtcNow() - started).TotalMilliseconds;
        var delivered = status is >= 200 and < 300;
        var retryAt = timeProvider.GetUtcNow() + RetryDelay(delivery.Attempts + 1);
        var (state, next) = delivered ? (WebhookDeliveryStates.Delivered, (DateTimeOffset?)null)
            : retryAt > delivery.CreatedAt + options.RetryFor ? (WebhookDeliveryStates.Failed, null)
            : (WebhookDeliveryStates.Pending, retryAt);
        await store.RecordAttemptAsync(Attempt(delivery, started, status, error, elapsed), state, next, CancellationToken.None).ConfigureAwait(false);
        if (state == WebhookDeliveryStates.Failed)
        {
            LogGivenUp(logger, delivery.Id, delivery.EventType, delivery.Attempts + 1);
        }

        return true;
    }

    /// <summary>POSTs the signed body; the receiver's status, or why none came.</summary>
    private async Task<(int? Status, string? Error)> SendAsync(DueDelivery due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var delivery = due.Delivery;
        string secret;
        try
        {
            secret = protector.Unprotect(due.ProtectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return (null, "The webhook's signing secret cannot be read (the data folder's key ring changed); delete the webhook and create it again.");
        }

        var body = WebhookBody.Write(delivery.EventId, delivery.EventType, delivery.DataJson, now);
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, due.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(secret, body));
            request.Headers.UserAgent.ParseAdd("Parley-Webhooks/1.0");
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return (status, status is >= 200 and < 300 ? null : $"The receiver answered {status} {response.ReasonPhrase}.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {options.AttemptTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundRefusedException refused)
        {
            return (null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
        catch (UriFormatException ex)
        {
            return (null, ex.Message);
        }
    }

    private async Task KeepHouseAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_lastHousekeeping is { } last && now - last < HousekeepingInterval)
        {
            return;
        }

        _lastHousekeeping = now;
        await store.DeleteFinishedBeforeAsync(now - options.DeliveryRetention, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for <paramref name="wait"/> or a <see cref="Wake"/>; false when stopping.</summary>
    private async Task<bool> WaitAsync(TaskCompletionSource wake, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, timeProvider, stop.Token);
        await Task.WhenAny(delay, wake.Task).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await delay.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (wake.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wake);
        }

        return !stoppingToken.IsCancellationRequested;
    }

    private static WebhookAttemptRecord Attempt(WebhookDeliveryRecord delivery, DateTimeOffset at, int? status, string? error, long durationMs) => new()
    {
        DeliveryId = delivery.Id, AttemptedAt = at, StatusCode = status, Error = error, DurationMs = durationMs,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering webhooks failed; tried again at the next poll.")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} ({EventType}) was given up after {Attempts} attempts.")]
    private static partial void LogGivenUp(ILogger logger, string deliveryId, string eventType, int attempts);
}
