using Parley.Storage.Conversations;
using Parley.Storage.Files;
using Parley.Storage.Messages;
using Parley.Storage.Paging;
using Parley.Storage.Tests.Fixtures;
using Parley.Storage.Tests.Paging;

namespace Parley.Storage.Tests.Files;

public abstract class FileStoreTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : FileStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : FileStoreTests(storage), IClassFixture<PostgresStorage>;

    private FileStore Store => new(Database, Time);

    [Fact]
    public async Task A_file_is_served_only_once_its_bytes_are_all_stored_and_only_in_its_teamspace()
    {
        var teamspace = await NewTeamspaceAsync();
        var other = await NewTeamspaceAsync();
        var file = await Store.CreateAsync(Upload(teamspace, "notes.txt"));

        Assert.Equal(FileStates.Writing, file.State);
        Assert.Null(await Store.FindAsync(teamspace, file.Id));

        var ready = await Store.CompleteAsync(file.Id, 42);
        Assert.Equal(file with { State = FileStates.Ready, SizeBytes = 42 }, ready);
        Assert.Equal(ready, await Store.FindAsync(teamspace, file.Id));
        Assert.Null(await Store.FindAsync(other, file.Id));
        Assert.Null(await Store.DeleteAsync(other, file.Id));
        Assert.Equal([file.Id], await Store.FindExistingAsync(teamspace, [file.Id, Ids.New()]));
        Assert.Empty(await Store.FindExistingAsync(other, [file.Id]));

        Assert.Equal(ready, await Store.DeleteAsync(teamspace, file.Id));
        Assert.Null(await Store.FindAsync(teamspace, file.Id));
        Assert.Null(await Store.CompleteAsync(file.Id, 1));
    }

    [Fact]
    public async Task Uploads_are_listed_newest_first_page_by_page_without_recordings_or_unfinished_ones()
    {
        var teamspace = await NewTeamspaceAsync();
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var file = await Store.CreateAsync(Upload(teamspace, $"f{i}.txt"));
            await Store.CompleteAsync(file.Id, i);
            made.Add(file.Id);
        }

        await Store.CreateAsync(Upload(teamspace, "still-uploading.txt"));
        var message = await NewVoiceMessageAsync(teamspace);
        var clip = await Store.CreateAsync(Clip(teamspace, message));
        await Store.CompleteAsync(clip.Id, 44);
        made.Reverse();

        Assert.Equal(made, await PageWalk.ForwardAsync(IdsOf(teamspace), limit: 2));
        Assert.Equal(made[..^1], await PageWalk.BackwardAsync(IdsOf(teamspace), limit: 2, made[^1]));
        Assert.Empty(await Store.ListUploadsAsync(await NewTeamspaceAsync(), PageRequest.First()));
    }

    [Fact]
    public async Task Expiring_files_are_listed_once_due()
    {
        var teamspace = await NewTeamspaceAsync();
        var file = await Store.CreateAsync(Upload(teamspace, "temp.txt") with { ExpiresAt = Time.GetUtcNow().AddMinutes(10) });
        await Store.CompleteAsync(file.Id, 1);
        var later = await Store.CreateAsync(Upload(teamspace, "later.txt") with { ExpiresAt = Time.GetUtcNow().AddHours(1) });

        Assert.DoesNotContain(await Store.ListExpiredAsync(Time.GetUtcNow(), 100), f => f.Id == file.Id);
        var moved = await Store.SetExpiryAsync(teamspace, file.Id, Time.GetUtcNow().AddMinutes(1));
        Assert.Equal(Time.GetUtcNow().AddMinutes(1), moved!.ExpiresAt);
        Assert.Null(await Store.SetExpiryAsync(await NewTeamspaceAsync(), file.Id, Time.GetUtcNow()));

        Time.Advance(TimeSpan.FromMinutes(2));
        var due = await Store.ListExpiredAsync(Time.GetUtcNow(), 100);
        Assert.Contains(due, f => f.Id == file.Id);
        Assert.DoesNotContain(due, f => f.Id == later.Id);
        Assert.NotNull(await Store.DeleteByIdAsync(file.Id));
        Assert.Null(await Store.DeleteByIdAsync(file.Id));
    }

    [Fact]
    public async Task Clips_are_listed_per_message_in_time_order_within_a_bound_with_their_total()
    {
        var teamspace = await NewTeamspaceAsync();
        var message = await NewVoiceMessageAsync(teamspace);
        var quiet = await NewVoiceMessageAsync(teamspace);
        var starts = new[] { 5000L, 100L, 2500L };
        foreach (var start in starts)
        {
            var file = await Store.CreateAsync(Clip(teamspace, message));
            Assert.True(await Store.CompleteClipAsync(
                new AudioClipRecord { FileId = file.Id, MessageId = message, ParticipantType = "user", ParticipantId = "u", StartTimeMs = start, DurationMs = 800 }, 25_644));
        }

        var unfinished = await Store.CreateAsync(Clip(teamspace, message));

        var clips = await Store.ListClipsAsync([message, quiet], maxPerMessage: 2);
        Assert.False(clips.ContainsKey(quiet));
        Assert.Equal(3, clips[message].Total);
        Assert.Equal([100L, 2500L], clips[message].Clips.Select(c => c.StartTimeMs));
        Assert.Null(await Store.FindAsync(teamspace, unfinished.Id));
        Assert.Equal(FileStates.Ready, (await Store.FindAsync(teamspace, clips[message].Clips[0].FileId))!.State);
        Assert.False(await Store.CompleteClipAsync(
            new AudioClipRecord { FileId = Ids.New(), MessageId = message, ParticipantType = "agent", ParticipantId = "a", StartTimeMs = 1, DurationMs = 1 }, 1));
    }

    [Fact]
    public async Task A_call_recording_is_found_by_its_message_once_ready()
    {
        var teamspace = await NewTeamspaceAsync();
        var message = await NewVoiceMessageAsync(teamspace);
        var call = await Store.CreateAsync(Clip(teamspace, message) with { Kind = FileKinds.CallRecording, PcmChannels = 2, PcmSampleRate = 24_000 });

        Assert.Empty(await Store.FindCallRecordingsAsync([message]));
        await Store.CompleteAsync(call.Id, 1044);
        Assert.Equal(call.Id, (await Store.FindCallRecordingsAsync([message]))[message].Id);
    }

    [Fact]
    public async Task Recordings_go_with_their_conversation()
    {
        var teamspace = await NewTeamspaceAsync();
        var conversation = await new ConversationStore(Database, Time).CreateAsync(teamspace, null, []);
        var message = Ids.New();
        await new MessageStore(Database, Time).CreateVoiceMessageAsync(message, teamspace, conversation.Id, null);
        var clip = await Store.CreateAsync(Clip(teamspace, message));
        await Store.CompleteClipAsync(new AudioClipRecord { FileId = clip.Id, MessageId = message, ParticipantType = "user", ParticipantId = "u" }, 44);

        Assert.True(await new ConversationStore(Database, Time).DeleteAsync(teamspace, conversation.Id));

        Assert.Null(await Store.FindAsync(teamspace, clip.Id));
        Assert.Empty(await QueryAsync<string>("SELECT file_id FROM audio_clips WHERE message_id = @Message;", new { Message = message }));
    }

    [Fact]
    public async Task Recordings_past_retention_and_writes_left_unfinished_are_found_for_the_sweeper()
    {
        var teamspace = await NewTeamspaceAsync();
        var message = await NewVoiceMessageAsync(teamspace);
        var old = await Store.CreateAsync(Clip(teamspace, message));
        var upload = await Store.CreateAsync(Upload(teamspace, "kept.txt"));
        await Store.CompleteAsync(upload.Id, 1);
        Time.Advance(TimeSpan.FromDays(2));
        var recent = await Store.CreateAsync(Clip(teamspace, message));

        var due = await Store.ListRecordingsBeforeAsync(Time.GetUtcNow().AddDays(-1), 100);
        Assert.Contains(due, f => f.Id == old.Id);
        Assert.DoesNotContain(due, f => f.Id == recent.Id || f.Id == upload.Id);

        var stale = await Store.ListStaleWritesAsync(Time.GetUtcNow().AddHours(-1), 100);
        Assert.Contains(stale, f => f.Id == old.Id);
        Assert.DoesNotContain(stale, f => f.Id == recent.Id || f.Id == upload.Id);
        Assert.Equal([old.Id], await Store.FindRowsAsync([old.Id, Ids.New()]));
    }

    private Func<PageRequest, Task<IEnumerable<string>>> IdsOf(string teamspace)
        => async page => (await Store.ListUploadsAsync(teamspace, page)).Select(f => f.Id);

    private static FileRecord Upload(string teamspace, string name) => new()
    {
        Id = Ids.New(), TeamspaceId = teamspace, Kind = FileKinds.Upload, Filename = name, MediaType = "text/plain",
    };

    private static FileRecord Clip(string teamspace, string message) => new()
    {
        Id = Ids.New(), TeamspaceId = teamspace, Kind = FileKinds.AudioClip, Filename = "clip.wav", MediaType = "audio/wav",
        MessageId = message, PcmSampleRate = 16_000, PcmChannels = 1,
    };

    private async Task<string> NewVoiceMessageAsync(string teamspace)
    {
        var conversation = await new ConversationStore(Database, Time).CreateAsync(teamspace, null, []);
        var message = Ids.New();
        await new MessageStore(Database, Time).CreateVoiceMessageAsync(message, teamspace, conversation.Id, null);
        return message;
    }
}
