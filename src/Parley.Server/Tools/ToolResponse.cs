using Parley.Agents.Tools;

namespace Parley.Server.Tools;

/// <summary>A tool as <c>/v1/tools</c> shows it.</summary>
internal sealed record ToolResponse(string Name, string Label, string Description)
{
    public string Object => "tool";

    public static ToolResponse From(ToolDescriptor tool) => new(tool.Name, tool.Label, tool.Description);
}
