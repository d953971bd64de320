using Parley.Storage.Paging;
using Parley.Storage.Tests.Fixtures;
using Parley.Storage.Webhooks;

namespace Parley.Storage.Tests.Webhooks;

public abstract class WebhookStoreTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : WebhookStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : WebhookStoreTests(storage), IClassFixture<PostgresStorage>;

    private WebhookStore Store => new(Database, Time);

    [Fact]
    public async Task A_webhook_is_created_enabled_found_changed_and_deleted_only_in_its_teamspace()
    {
        var teamspace = await NewTeamspaceAsync();
        var other = await NewTeamspaceAsync();
        var created = await Store.CreateAsync(teamspace, "https://example.com/hook", ["voice.session.ended"], "cipher");

        Assert.True(created.Enabled);
        Assert.Equivalent(created, await Store.FindAsync(teamspace, created.Id));
        Assert.Null(await Store.FindAsync(other, created.Id));
        Assert.Null(await Store.UpdateAsync(other, created.Id, "https://evil.example", null, false));
        Assert.False(await Store.DeleteAsync(other, created.Id));
        Assert.Equal(1, await Store.CountAsync(teamspace));

        Time.Advance(TimeSpan.FromMinutes(1));
        var disabled = await Store.UpdateAsync(teamspace, created.Id, url: null, events: null, enabled: false);
        Assert.Equal((created.Url, false, Time.GetUtcNow()), (disabled!.Url, disabled.Enabled, disabled.UpdatedAt));
        Assert.Equal(["voice.session.ended"], disabled.Events);
        var moved = await Store.UpdateAsync(teamspace, created.Id, "https://example.com/new", ["knowledge.processing.completed", "voice.session.started"], enabled: true);
        Assert.Equivalent(moved, await Store.FindAsync(teamspace, created.Id));

        Assert.True(await Store.DeleteAsync(teamspace, created.Id));
        Assert.Null(await Store.FindAsync(teamspace, created.Id));
    }

    [Fact]
    public async Task Only_enabled_webhooks_subscribed_to_an_event_are_active_for_it()
    {
        var teamspace = await NewTeamspaceAsync();
        var ended = await Store.CreateAsync(teamspace, "https://a.example", ["voice.session.ended"], "s");
        var both = await Store.CreateAsync(teamspace, "https://b.example", ["voice.session.started", "voice.session.ended"], "s");
        var off = await Store.CreateAsync(teamspace, "https://c.example", ["voice.session.ended"], "s");
        await Store.UpdateAsync(teamspace, off.Id, null, null, enabled: false);
        await Store.CreateAsync(await NewTeamspaceAsync(), "https://d.example", ["voice.session.ended"], "s");

        Assert.Equal([ended.Id, both.Id], (await Store.ListActiveForEventAsync(teamspace, "voice.session.ended")).Select(w => w.Id));
        Assert.Equal([both.Id], (await Store.ListActiveForEventAsync(teamspace, "voice.session.started")).Select(w => w.Id));
        Assert.Equal([off.Id, both.Id, ended.Id], (await Store.ListAsync(teamspace, PageRequest.First())).Select(w => w.Id));
    }

    [Fact]
    public async Task A_delivery_is_claimed_by_one_taker_attempted_and_retried_until_delivered()
    {
        var teamspace = await NewTeamspaceAsync();
        var webhook = await Store.CreateAsync(teamspace, "https://a.example", ["voice.session.ended"], "cipher");
        var queued = (await Store.EnqueueAsync([new NewDelivery(webhook.Id, "evt-1", "voice.session.ended", """{"x":1}""")])).Single();

        var due = (await Store.ListDueAsync(Time.GetUtcNow(), 10)).Single(d => d.Delivery.Id == queued.Id);
        Assert.Equal(("https://a.example", "cipher", true, """{"x":1}"""), (due.Url, due.ProtectedSecret, due.Enabled, due.Delivery.DataJson));
        Assert.True(await Store.ClaimAsync(due.Delivery, Time.GetUtcNow().AddSeconds(30)));
        Assert.False(await Store.ClaimAsync(due.Delivery, Time.GetUtcNow().AddSeconds(30)));
        Assert.DoesNotContain(await Store.ListDueAsync(Time.GetUtcNow(), 10), d => d.Delivery.Id == queued.Id);

        var retryAt = Time.GetUtcNow().AddMinutes(1);
        await Store.RecordAttemptAsync(
            new WebhookAttemptRecord { DeliveryId = queued.Id, AttemptedAt = Time.GetUtcNow(), StatusCode = 500, DurationMs = 12 }, WebhookDeliveryStates.Pending, retryAt);
        Assert.Equal(retryAt, await Store.NextDueAsync());
        Time.Advance(TimeSpan.FromMinutes(1));
        var again = (await Store.ListDueAsync(Time.GetUtcNow(), 10)).Single(d => d.Delivery.Id == queued.Id);
        Assert.Equal(1, again.Delivery.Attempts);
        Assert.True(await Store.ClaimAsync(again.Delivery, Time.GetUtcNow().AddSeconds(30)));
        await Store.RecordAttemptAsync(
            new WebhookAttemptRecord { DeliveryId = queued.Id, AttemptedAt = Time.GetUtcNow(), StatusCode = 204, DurationMs = 3 }, WebhookDeliveryStates.Delivered, null);

        var listed = (await Store.ListDeliveriesAsync(teamspace, webhook.Id, PageRequest.First())).Single();
        Assert.Equal((WebhookDeliveryStates.Delivered, 2, Time.GetUtcNow()), (listed.State, listed.Attempts, listed.CompletedAt));
        var attempts = (await Store.ListAttemptsAsync([queued.Id]))[queued.Id];
        Assert.Equal([500, 204], attempts.Select(a => a.StatusCode));
        Assert.Empty(await Store.ListDeliveriesAsync(await NewTeamspaceAsync(), webhook.Id, PageRequest.First()));

        Time.Advance(TimeSpan.FromDays(8));
        Assert.True(await Store.DeleteFinishedBeforeAsync(Time.GetUtcNow().AddDays(-7)) >= 1);
        Assert.Empty(await Store.ListDeliveriesAsync(teamspace, webhook.Id, PageRequest.First()));
    }

    [Fact]
    public async Task Deleting_a_webhook_takes_its_deliveries_along()
    {
        var teamspace = await NewTeamspaceAsync();
        var webhook = await Store.CreateAsync(teamspace, "https://a.example", ["voice.session.ended"], "s");
        var queued = (await Store.EnqueueAsync([new NewDelivery(webhook.Id, "evt", "voice.session.ended", "{}")])).Single();

        Assert.True(await Store.DeleteAsync(teamspace, webhook.Id));

        Assert.DoesNotContain(await Store.ListDueAsync(Time.GetUtcNow(), 100), d => d.Delivery.Id == queued.Id);
    }
}
