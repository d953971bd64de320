using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Webhooks;
using Parley.Storage.Database;
using Parley.Storage.Secrets;
using Parley.Storage.Teamspaces;
using Parley.Storage.Webhooks;
using Parley.Tools.Outbound;

namespace Parley.Server.Tests.Webhooks;

/// <summary>The dispatcher on a fake clock, against a real database and a real receiver on loopback: backoff, fresh signatures, giving up.</summary>
public sealed class WebhookDispatcherTests : IAsyncLifetime
{
    private static readonly WebhookDeliveryOptions Options = new()
    {
        FirstRetryDelay = TimeSpan.FromMinutes(1), MaxRetryDelay = TimeSpan.FromMinutes(10), RetryFor = TimeSpan.FromHours(1),
    };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parley-dispatcher-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ParleyDatabase _database = null!;
    private ServiceProvider _services = null!;
    private WebhookStore _store = null!;
    private SecretProtector _protector = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _database = new ParleyDatabase(new StorageOptions { DataDirectory = _directory });
        await _database.MigrateAsync();
        await new TeamspaceStore(_database, _time).EnsureDefaultAsync();
        _store = new WebhookStore(_database, _time);
        _protector = SecretProtector.WithKeysIn(Path.Combine(_directory, "keys"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Parley:Outbound:AllowedHosts:0"] = "127.0.0.1" }).Build();
        var services = new ServiceCollection();
        services.AddParleyOutbound(configuration);
        services.AddGuardedHttpClient(WebhookDispatcher.HttpClientName);
        _services = services.BuildServiceProvider();
        _receiver = await WebhookReceiver.StartAsync();
        _receiver.Now = _time.GetUtcNow;
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_doubling_waits_each_attempt_signed_afresh_until_the_day_is_over()
    {
        _receiver.Answer = _ => 503;
        var dispatcher = NewDispatcher();
        var delivery = await QueueAsync(dispatcher, """{"hello":"world"}""");
        var created = _time.GetUtcNow();

        var attemptTimes = new List<DateTimeOffset>();
        for (var i = 0; i < 40; i++)
        {
            if (await NextDueAsync() is not { } due)
            {
                break;
            }

            _time.SetUtcNow(due > _time.GetUtcNow() ? due : _time.GetUtcNow());
            attemptTimes.Add(_time.GetUtcNow());
            Assert.Equal(1, await dispatcher.RunDueAsync());
        }

        // Waits of about 1, 2, 4, 8 minutes, then at most 10 (each ±20 %), and nothing once an hour has passed.
        var waits = attemptTimes.Zip(attemptTimes.Skip(1), (a, b) => (b - a).TotalMinutes).ToList();
        Assert.InRange(waits[0], 0.8, 1.2);
        Assert.InRange(waits[1], 1.6, 2.4);
        Assert.InRange(waits[2], 3.2, 4.8);
        Assert.InRange(waits[3], 6.4, 9.6);
        Assert.All(waits.Skip(4), w => Assert.InRange(w, 8, 12));
        Assert.True(attemptTimes[^1] - created <= Options.RetryFor);

        var stored = (await _store.ListDeliveriesAsync(Parley.Storage.Teamspaces.TeamspaceStore.DefaultId, delivery.WebhookId, Parley.Storage.Paging.PageRequest.First())).Single();
        Assert.Equal((WebhookDeliveryStates.Failed, attemptTimes.Count), (stored.State, stored.Attempts));
        var attempts = (await _store.ListAttemptsAsync([stored.Id]))[stored.Id];
        Assert.All(attempts, a => Assert.Equal(503, a.StatusCode));

        // The receiver saw every attempt signed and stamped with the time it was made: none was a replay.
        Assert.Equal(attemptTimes.Count, _receiver.Received.Count);
        Assert.All(_receiver.Received, r => Assert.True(r.SignatureValid && r.Fresh));
        Assert.Equal(attemptTimes.Select(t => t.ToUnixTimeSeconds()), _receiver.Received.Select(r => r.Json.GetProperty("timestamp").GetInt64()));
        Assert.All(_receiver.Received, r => Assert.Equal(delivery.EventId, r.Json.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_delivery_to_a_disabled_webhook_is_given_up_without_a_request()
    {
        var dispatcher = NewDispatcher();
        var delivery = await QueueAsync(dispatcher, "{}");
        await _store.UpdateAsync(Parley.Storage.Teamspaces.TeamspaceStore.DefaultId, delivery.WebhookId, null, null, enabled: false);

        Assert.Equal(1, await dispatcher.RunDueAsync());

        Assert.Empty(_receiver.Received);
        Assert.Null(await NextDueAsync());
    }

    [Fact]
    public async Task A_delivery_taken_by_one_node_is_not_attempted_by_another()
    {
        var one = NewDispatcher();
        var other = NewDispatcher();
        await QueueAsync(one, "{}");

        var attempted = await Task.WhenAll(one.RunDueAsync(), other.RunDueAsync());

        Assert.Equal(1, attempted.Sum());
        Assert.Single(_receiver.Received);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _services.DisposeAsync();
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private WebhookDispatcher NewDispatcher()
        => new(_store, _protector, _services.GetRequiredService<IHttpClientFactory>(), Options, _time, NullLogger<WebhookDispatcher>.Instance);

    private async Task<WebhookDeliveryRecord> QueueAsync(WebhookDispatcher dispatcher, string data)
    {
        var secret = WebhookSignature.NewSecret();
        _receiver.Secret = secret;
        var webhook = await _store.CreateAsync(TeamspaceStore.DefaultId, _receiver.Url.ToString(), ["voice.session.ended"], _protector.Protect(secret));
        var delivery = (await _store.EnqueueAsync([new NewDelivery(webhook.Id, Parley.Storage.Ids.New(), "voice.session.ended", data)])).Single();
        _ = dispatcher;
        return delivery;
    }

    private async Task<DateTimeOffset?> NextDueAsync() => await _store.NextDueAsync();
}
