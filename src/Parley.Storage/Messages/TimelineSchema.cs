namespace Parley.Storage.Messages;

/// <summary>Changes to the schema of voice timelines after the first (listed in <see cref="Database.Migrations"/>).</summary>
internal static class TimelineSchema
{
    /// <summary>
    /// A session numbers its events within its message (<see cref="MessageStore.AppendNumberedEventsAsync"/>): a batch
    /// written again after a write whose outcome was lost (its connection cut at the commit) then adds nothing twice.
    /// Events written without a number (text messages' tool calls) keep it null, and nulls never collide.
    /// </summary>
    public const string Sequence = """
        ALTER TABLE timeline_events ADD COLUMN seq BIGINT NULL;
        CREATE UNIQUE INDEX ux_timeline_events_seq ON timeline_events (message_id, seq);
        """;
}
