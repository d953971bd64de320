using Microsoft.Extensions.AI;

namespace Parley.Tools;

/// <summary>One family of tools (built-in, knowledge, webhooks, MCP): gives the tools an agent has from it.</summary>
/// <remarks>
/// Registered in DI; <see cref="Toolbox"/> asks every source. A source that needs connections (MCP) returns them in
/// <see cref="ToolSet.Resources"/> so the session can close them; a source that cannot reach its tools logs and
/// gives none rather than failing the session.
/// </remarks>
public interface IToolSource
{
    /// <summary>The tools of this family that the agent in <paramref name="context"/> has.</summary>
    ValueTask<ToolSet> GetToolsAsync(ToolContext context, CancellationToken cancellationToken = default);
}
