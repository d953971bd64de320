using Parley.Sessions.Orchestration;
using Parley.Sessions.Replies;
using Parley.Storage.Orchestration;

namespace Parley.Sessions.Turns;

// Background tasks: which work is under way for the user (no idle prompt meanwhile), and announcing outcomes at the
// next natural turn boundary: when no reply runs, no user turn waits and the user is not speaking. An announcement
// is an ordinary scripted reply, so the user can cut it off like any other; it counts as heard once some of it was.
internal sealed partial class TurnOwner
{
    private readonly HashSet<string> _tasksWorking = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tasksKnown = new(StringComparer.Ordinal);
    private readonly List<OrchestratorTaskRecord> _announcements = [];
    private (ReplyHandle Reply, IReadOnlyList<OrchestratorTaskRecord> Tasks)? _announcing;

    // With a silent start the agent speaks first to no one: outcomes wait for the user's first turn.
    private bool _announcementsHeld;

    private void QueueAnnouncements(IReadOnlyList<OrchestratorTaskRecord> tasks, bool silentStart)
    {
        _announcementsHeld = silentStart;
        foreach (var task in tasks)
        {
            Queue(task);
        }
    }

    private void OnTaskEvent(TurnEvent turnEvent)
    {
        switch (turnEvent)
        {
            case TurnEvent.TaskDelegated delegated:
                _tasksWorking.Add(delegated.TaskId);
                break;
            case TurnEvent.TaskSettled settled:
                _tasksWorking.Remove(settled.TaskId);
                _tasksKnown.Add(settled.TaskId);
                _announcements.RemoveAll(t => t.Id == settled.TaskId);
                break;
            case TurnEvent.TaskFinished { Task: var task } when task.IsFinished:
                _tasksWorking.Remove(task.Id);
                Queue(task);
                AnnounceIfQuiet();
                break;
            case TurnEvent.TaskFinished { Task: var task }:
                _tasksWorking.Add(task.Id); // still under way (a previous session's task): the user waits for it
                break;
        }
    }

    private void Queue(OrchestratorTaskRecord task)
    {
        // Cancelled tasks need no announcement: whoever cancelled one knows.
        if (task.Status is OrchestratorTaskStatuses.Completed or OrchestratorTaskStatuses.Failed && _tasksKnown.Add(task.Id))
        {
            _announcements.Add(task);
        }
        else if (!task.IsFinished)
        {
            _tasksWorking.Add(task.Id);
        }
    }

    /// <summary>Says the outcomes waiting, if this is a turn boundary: nothing playing, nothing to answer, nobody speaking.</summary>
    /// <remarks>Not while draining: that would hold the drain back, and an outcome not heard opens the conversation's next session.</remarks>
    private void AnnounceIfQuiet()
    {
        if (_announcements.Count > 0 && _current is null && _waiting.Count == 0 && !_userSpeaking && !_ending && !_draining && !_announcementsHeld && _replies is not null)
        {
            StartAnnouncement(opening: false);
        }
    }

    private void StartAnnouncement(bool opening)
    {
        var tasks = _announcements.ToList();
        _announcements.Clear();
        _current = StartScripted(TaskAnnouncements.Compose(tasks, opening));
        _announcing = (_current, tasks);
    }

    /// <summary>When <paramref name="ended"/> was an announcement: the tasks heard, or none (then they wait for the next boundary).</summary>
    private IReadOnlyList<string>? OnAnnouncementEnded(TurnEvent.ReplyEnded ended)
    {
        if (_announcing is not { } announcing || announcing.Reply != ended.Reply)
        {
            return null;
        }

        _announcing = null;
        if (ended.Failure is null && ended.HeardText.Length > 0)
        {
            return [.. announcing.Tasks.Select(t => t.Id)];
        }

        // Cut off before a word was heard: said again at the next boundary.
        _announcements.InsertRange(0, announcing.Tasks.Where(t => !_announcements.Any(a => a.Id == t.Id)));
        return null;
    }
}
