using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Parley.Sessions.Recording;
using Parley.Sessions.Tests.Timelines;
using Parley.Storage.Agents;
using Parley.Storage.Conversations;
using Parley.Storage.Database;
using Parley.Storage.Messages;
using Parley.Storage.Teamspaces;

namespace Parley.Sessions.Tests.Recording;

/// <summary>
/// The recorder through a database outage, on a fake clock: a real SQLite database whose file is moved away (every
/// write then fails as unavailable, as with PostgreSQL down) and back. What is retried when, what is stored after, and
/// what happens past the bounds.
/// </summary>
public sealed class TimelineRecorderTests : IAsyncLifetime
{
    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(20);

    private static readonly StorageRetryPolicy Policy = new()
    {
        FirstDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromMilliseconds(400),
        GiveUpAfter = TimeSpan.FromSeconds(2),
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("parley-recorder-").FullName;
    private readonly FakeTimeProvider _time = new();
    private int _waitsPassed;
    private readonly CapturingLoggerFactory _logs = new();
    private ParleyDatabase _database = null!;
    private MessageStore _messages = null!;
    private string _conversationId = string.Empty;
    private string _messageId = string.Empty;
    private int _unavailable;

    private string File => Path.Combine(_directory, "parley.db");

    public async Task InitializeAsync()
    {
        _database = new ParleyDatabase(new StorageOptions { DataDirectory = _directory });
        await _database.MigrateAsync();
        await new TeamspaceStore(_database, _time).EnsureDefaultAsync();
        var agent = await new AgentStore(_database, _time).GetDefaultAsync(TeamspaceStore.DefaultId);
        _conversationId = (await new ConversationStore(_database, _time).CreateAsync(TeamspaceStore.DefaultId, "outage", [agent.Id])).Id;
        _messages = new MessageStore(_database, _time);
        _messageId = Storage.Ids.New();
        await _messages.CreateVoiceMessageAsync(_messageId, TeamspaceStore.DefaultId, _conversationId, agent.Id);
    }

    [Fact]
    public async Task Lines_said_while_the_database_is_away_are_stored_once_it_is_back_in_order_each_once()
    {
        var recorder = NewRecorder(maxPending: 100);
        await recorder.RecordAsync(Line(1, "what is two plus two")).WaitAsync(RealTimeout);
        recorder.Record(Line(2, "Four."));

        await WaitForStoredAsync(2);
        TakeTheDatabaseAway();
        // The question's task completes at the first failure: the answer does not wait out the outage.
        await recorder.RecordAsync(Line(3, "what is twelve times seven")).WaitAsync(RealTimeout);
        recorder.Record(Line(4, "Twelve times seven is 84."));

        // Retried after 100, 200, then 400 ms (the longest wait): three attempts fail while the file is away, the fourth stores.
        await FailAsync(3);
        BringTheDatabaseBack();
        PassTheLastWait();
        await WaitForStoredAsync(4);
        recorder.Record(Line(5, "what time is it"));
        await recorder.CompleteAsync(durationMs: 4321).WaitAsync(RealTimeout);

        Assert.Equal(["what is two plus two", "Four.", "what is twelve times seven", "Twelve times seven is 84.", "what time is it"], await StoredTextsAsync());
        Assert.Equal(["100", "200", "400"], RetryDelays());
        Assert.Equal(0, _unavailable);
        var message = await _messages.FindAsync(TeamspaceStore.DefaultId, _conversationId, _messageId);
        Assert.Equal(4321, message!.DurationMs);
    }

    [Fact]
    public async Task After_the_limit_it_gives_up_tells_the_session_and_holds_nothing()
    {
        var recorder = NewRecorder(maxPending: 100);
        TakeTheDatabaseAway();
        recorder.Record(Line(1, "lost to the outage"));

        // 100 + 200 + 400 + 400 + 400 + 400 + 100 ms (the last wait ends at the 2 s limit): the eighth failure gives up.
        await FailAsync(7);
        Assert.Equal(["100", "200", "400", "400", "400", "400", "100"], RetryDelays());
        PassTheLastWait();
        await WaitUntilAsync(() => Volatile.Read(ref _unavailable) == 1, "the session told to end");
        recorder.Record(Line(2, "after giving up"));
        BringTheDatabaseBack();
        await recorder.CompleteAsync(durationMs: 1).WaitAsync(RealTimeout);

        Assert.Empty(await StoredTextsAsync());
        Assert.Equal(1, _unavailable);
        Assert.Contains(_logs.Entries, e => e.StartsWith("Critical", StringComparison.Ordinal) && e.Contains("Gave up", StringComparison.Ordinal));
        Assert.Contains(_logs.Entries, e => e.Contains("1 timeline events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Past_the_bound_of_waiting_events_the_session_is_told_to_end_and_what_waited_is_still_stored()
    {
        var recorder = NewRecorder(maxPending: 3);
        TakeTheDatabaseAway();
        recorder.Record(Line(1, "one"));
        await FailAsync(1);
        recorder.Record(Line(2, "two"));
        recorder.Record(Line(3, "three"));
        Assert.Equal(0, _unavailable);

        recorder.Record(Line(4, "four: over the bound"));
        Assert.Equal(1, _unavailable);

        BringTheDatabaseBack();
        PassTheLastWait();
        await WaitForStoredAsync(3);
        await recorder.CompleteAsync(durationMs: 1).WaitAsync(RealTimeout);

        Assert.Equal(["one", "two", "three"], await StoredTextsAsync());
        Assert.Contains(_logs.Entries, e => e.Contains("has 3 timeline events waiting", StringComparison.Ordinal));
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private TimelineRecorder NewRecorder(int maxPending) => new(
        _messages, _messageId, Policy, maxPending, _time, () => Interlocked.Increment(ref _unavailable), _logs.CreateLogger("Recorder"));

    private static TimelineEvent Line(long at, string text)
        => new() { TimestampMs = at, Type = TimelineEventTypes.Transcript, Role = MessageRoles.User, Text = text };

    // Every write now fails as unavailable (the file is gone); the pool's connections are dropped on the first.
    private void TakeTheDatabaseAway() => System.IO.File.Move(File, File + ".away");

    private void BringTheDatabaseBack() => System.IO.File.Move(File + ".away", File);

    /// <summary>
    /// Lets <paramref name="failures"/> more attempts fail: waits for each one's announced wait and moves the clock past
    /// it, but for the last, so the recorder is then waiting out that one and nothing races what the test does next.
    /// </summary>
    /// <remarks>
    /// Counted from the attempts whose waits the test has moved past, not from the announcements seen so far: an attempt
    /// may already be announced when this starts (a question's task completes at the first failure, just before its
    /// announcement), and its wait must still be moved past.
    /// </remarks>
    private async Task FailAsync(int failures)
    {
        var last = _waitsPassed + failures;
        for (var attempt = _waitsPassed + 1; attempt <= last; attempt++)
        {
            var announced = attempt;
            await WaitUntilAsync(() => RetryDelays().Count >= announced, $"failed attempt {announced}");
            if (attempt < last)
            {
                PassTheLastWait();
            }
        }
    }

    /// <summary>Moves the clock past the wait the recorder announced last.</summary>
    private void PassTheLastWait()
    {
        _time.Advance(LastDelay());
        _waitsPassed++;
    }

    private TimeSpan LastDelay() => TimeSpan.FromMilliseconds(int.Parse(RetryDelays()[^1], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The waits announced so far, in milliseconds, from the recorder's "will be retried in N ms" warnings.</summary>
    private List<string> RetryDelays() => [.. _logs.Entries
        .Where(e => e.Contains("will be retried in ", StringComparison.Ordinal))
        .Select(e => e[(e.IndexOf("will be retried in ", StringComparison.Ordinal) + "will be retried in ".Length)..].Split(' ')[0])];

    private async Task WaitForStoredAsync(int count)
        => await WaitUntilAsync(() => _messages.ListEventsAsync(_messageId).GetAwaiter().GetResult().Count >= count, $"{count} events stored");

    private async Task<List<string>> StoredTextsAsync() => [.. (await _messages.ListEventsAsync(_messageId)).Select(e => e.Text!)];

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < RealTimeout, $"no {what} within {RealTimeout.TotalSeconds} s; the recorder logged:\n{string.Join('\n', _logs.Entries)}");
            await Task.Delay(10);
        }
    }
}
