namespace Parley.Storage.Agents;

/// <summary>Agents' schema changes after the first, listed in <see cref="Database.Migrations"/>.</summary>
internal static class AgentSchema
{
    /// <summary>
    /// At most one default agent per teamspace, so two sessions racing to make it cannot both succeed. Defaults made
    /// twice before this keep the oldest (the one <see cref="AgentStore.GetDefaultAsync"/> returned) as the default.
    /// </summary>
    public const string OneDefaultPerTeamspace = """
        UPDATE agents SET is_default = FALSE
        WHERE is_default = TRUE
          AND id <> (SELECT MIN(d.id) FROM agents d WHERE d.teamspace_id = agents.teamspace_id AND d.is_default = TRUE);
        CREATE UNIQUE INDEX ux_agents_default ON agents (teamspace_id) WHERE is_default = TRUE;
        """;
}
