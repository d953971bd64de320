using Parley.Storage.Paging;
using Parley.Storage.Telephony;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Telephony;

public abstract class TelephonyStoreTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : TelephonyStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : TelephonyStoreTests(storage), IClassFixture<PostgresStorage>;

    private PhoneNumberStore Numbers => new(Database, Time);

    private CallStore Calls => new(Database, Time);

    [Fact]
    public async Task A_number_belongs_to_one_teamspace_and_is_found_by_the_number_alone_when_called()
    {
        var teamspace = await NewTeamspaceAsync();
        var other = await NewTeamspaceAsync();
        var number = NewNumber();

        var created = await Numbers.CreateAsync(Number(teamspace, number) with { Greeting = "Hello.", Recording = false });

        Assert.NotNull(created);
        Assert.Equal((number, "Hello.", false, Start), (created.Number, created.Greeting, created.Recording, created.CreatedAt));
        Assert.Null(await Numbers.CreateAsync(Number(other, number)));
        Assert.Equal(created, await Numbers.FindCalledAsync(number));
        Assert.Equal(created, await Numbers.FindByNumberAsync(teamspace, number));
        Assert.Null(await Numbers.FindByNumberAsync(other, number));
        Assert.Null(await Numbers.FindAsync(other, created.Id));
        Assert.Empty(await Numbers.ListAsync(other, PageRequest.First()));
        Assert.False(await Numbers.DeleteAsync(other, created.Id));

        Time.Advance(TimeSpan.FromSeconds(1));
        var updated = await Numbers.UpdateAsync(teamspace, created.Id, n => n with { Greeting = null, Recording = true, Number = "+15550000000", TeamspaceId = other });
        Assert.Equal((number, teamspace, (string?)null, true, Start + TimeSpan.FromSeconds(1)), (updated!.Number, updated.TeamspaceId, updated.Greeting, updated.Recording, updated.UpdatedAt));
        Assert.Equal(updated, await Numbers.FindAsync(teamspace, created.Id));

        Assert.True(await Numbers.DeleteAsync(teamspace, created.Id));
        Assert.Null(await Numbers.FindCalledAsync(number));
        Assert.NotNull(await Numbers.CreateAsync(Number(other, number)));
    }

    [Fact]
    public async Task A_call_only_moves_forward_and_a_final_status_stays()
    {
        var teamspace = await NewTeamspaceAsync();
        var call = await Calls.CreateAsync(new CallRecord
        {
            Id = string.Empty, TeamspaceId = teamspace, Direction = "outbound", Carrier = Carriers.Twilio, From = NewNumber(), To = NewNumber(),
            Status = CallStatuses.Queued,
        });

        Assert.Equal(CallStatuses.InProgress, (await Calls.AdvanceAsync(call.Id, CallStatuses.InProgress, carrierCallId: "CA1"))!.Status);
        var late = await Calls.AdvanceAsync(call.Id, CallStatuses.Ringing, conversationId: "conv_1");
        Assert.Equal((CallStatuses.InProgress, "CA1", "conv_1"), (late!.Status, late.CarrierCallId, late.ConversationId));
        Time.Advance(TimeSpan.FromSeconds(30));
        var ended = await Calls.AdvanceAsync(call.Id, CallStatuses.Completed);
        Assert.Equal((CallStatuses.Completed, Start + TimeSpan.FromSeconds(30)), (ended!.Status, ended.EndedAt));
        var after = await Calls.AdvanceAsync(call.Id, CallStatuses.Failed, error: "too late");
        Assert.Equal((CallStatuses.Completed, (string?)null, ended.EndedAt), (after!.Status, after.Error, after.EndedAt));

        Assert.Equal(after, await Calls.FindAsync(teamspace, call.Id));
        Assert.Equal(after, await Calls.FindAnyAsync(call.Id));
        Assert.Null(await Calls.FindAsync(await NewTeamspaceAsync(), call.Id));
        Assert.Null(await Calls.AdvanceAsync("call_missing", CallStatuses.Completed));
    }

    private static string NewNumber() => "+1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static PhoneNumberRecord Number(string teamspace, string number) => new()
    {
        Id = string.Empty, TeamspaceId = teamspace, Number = number, Carrier = Carriers.Twilio, AccountId = "AC0", CredentialSecret = "twilio-token",
    };
}
