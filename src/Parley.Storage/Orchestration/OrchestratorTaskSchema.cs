namespace Parley.Storage.Orchestration;

/// <summary>The delegated tasks of orchestrator voice sessions (migration 60): one text for both engines.</summary>
/// <remarks>
/// The table is the work queue as well as the inbox: a worker claims the oldest <c>queued</c> row, so a task survives a
/// restart however far it got. <c>conversation_id</c> has no foreign key because an ephemeral session's conversation is
/// never stored, yet the task it delegated is the caller's all the same. <c>agent_name</c> keeps the name the task was
/// given to, for announcements after a rename or a deletion. <c>announced_at</c> is Parley's own: set once the user has
/// heard the outcome (live, or at the opening of the conversation's next session); <c>acknowledged_at</c> is the API's.
/// </remarks>
internal static class OrchestratorTaskSchema
{
    public const string Sql = """
        CREATE TABLE voice_orchestrator_tasks (
            id TEXT PRIMARY KEY,
            teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
            conversation_id TEXT NULL,
            message_id TEXT NULL,
            agent_id TEXT NOT NULL,
            agent_name TEXT NOT NULL,
            task TEXT NOT NULL,
            status TEXT NOT NULL,
            result TEXT NULL,
            error_message TEXT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at {time} NOT NULL,
            updated_at {time} NOT NULL,
            completed_at {time} NULL,
            acknowledged_at {time} NULL,
            announced_at {time} NULL,
            expires_at {time} NOT NULL
        );
        CREATE INDEX ix_voice_orchestrator_tasks_teamspace ON voice_orchestrator_tasks (teamspace_id, id);
        CREATE INDEX ix_voice_orchestrator_tasks_status ON voice_orchestrator_tasks (status, id);
        CREATE INDEX ix_voice_orchestrator_tasks_conversation ON voice_orchestrator_tasks (conversation_id, status);
        """;
}
