using System.Net;
using Parley.Client.Errors;

namespace Parley.Client.Http;

/// <summary>Retries answers of 429 and 5xx with exponential backoff and jitter, waiting as long as <c>Retry-After</c> asks.</summary>
/// <remarks>
/// Every method is retried: Parley answers 429 before doing anything and 5xx when nothing was stored. Request bodies are
/// buffered first so that they can be sent again. Add it to an <see cref="HttpClient"/> pipeline of your own, or let
/// <c>AddParleyClient</c> do it.
/// </remarks>
public sealed class ParleyRetryHandler : DelegatingHandler
{
    private readonly ParleyRetryOptions _options;
    private readonly TimeProvider _time;

    /// <summary>A handler for an <c>IHttpClientFactory</c> pipeline, which sets the inner handler.</summary>
    public ParleyRetryHandler(ParleyRetryOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ParleyRetryOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A handler in front of <paramref name="innerHandler"/>.</summary>
    public ParleyRetryHandler(HttpMessageHandler innerHandler, ParleyRetryOptions? options = null, TimeProvider? timeProvider = null)
        : this(options, timeProvider)
        => InnerHandler = innerHandler;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_options.MaxAttempts > 1 && request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (attempt >= _options.MaxAttempts || !IsRetryable(response.StatusCode))
            {
                return response;
            }

            var delay = DelayBefore(attempt + 1, ApiErrors.RetryAfter(response, _time));
            if (delay is null)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(delay.Value, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait before try number <paramref name="attempt"/> (2 or more), or null when the server asks for longer than allowed.</summary>
    internal TimeSpan? DelayBefore(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked <= _options.MaxRetryAfter ? asked : null;
        }

        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 2);
        var capped = Math.Min(exponential, _options.MaxDelay.TotalMilliseconds);

        // Jitter of ±20 % keeps many clients refused at once from coming back in step.
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    private static bool IsRetryable(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;
}
