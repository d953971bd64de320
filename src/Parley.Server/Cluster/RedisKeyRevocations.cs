using Parley.Server.Voice;
using StackExchange.Redis;

namespace Parley.Server.Cluster;

/// <summary>Revocations across the cluster over Redis pub/sub: every node ends its live sessions of the key as the message arrives.</summary>
/// <remarks>
/// Pub/sub delivers to the nodes connected at that moment only; a node that was cut off from Redis then still finds
/// the revoked key at its next <see cref="RevokedKeyWatcher"/> check against the database.
/// </remarks>
internal sealed partial class RedisKeyRevocations : IKeyRevocations, IHostedService
{
    private readonly RedisConnection _redis;
    private readonly SessionRegistry _sessions;
    private readonly ILogger<RedisKeyRevocations> _logger;
    private readonly RedisChannel _channel;
    private ChannelMessageQueue? _subscription;
    private Task _listening = Task.CompletedTask;

    public RedisKeyRevocations(RedisConnection redis, SessionRegistry sessions, ILogger<RedisKeyRevocations> logger)
    {
        _redis = redis;
        _sessions = sessions;
        _logger = logger;
        _channel = redis.Channel("revoked-keys");
    }

    public async Task AnnounceAsync(string apiKeyId, CancellationToken cancellationToken = default)
    {
        _sessions.EndSessionsOf(apiKeyId);
        await _redis.Multiplexer.GetSubscriber().PublishAsync(_channel, apiKeyId).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = await _redis.Multiplexer.GetSubscriber().SubscribeAsync(_channel).ConfigureAwait(false);
        _listening = ListenAsync(_subscription);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync().ConfigureAwait(false);
        }

        await _listening.ConfigureAwait(false);
    }

    private async Task ListenAsync(ChannelMessageQueue subscription)
    {
        // The queue completes when it is unsubscribed.
        await foreach (var message in subscription.ConfigureAwait(false))
        {
            if (message.Message.ToString() is { Length: > 0 } apiKeyId)
            {
                var ended = _sessions.EndSessionsOf(apiKeyId);
                if (ended > 0)
                {
                    LogEnded(_logger, ended, apiKeyId);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ended {Count} live session(s) of key {ApiKeyId}, revoked on another node.")]
    private static partial void LogEnded(ILogger logger, int count, string apiKeyId);
}
