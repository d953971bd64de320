namespace Parley.Agents.Tools;

/// <summary>A tool an agent can be given, as <c>/v1/tools</c> lists it.</summary>
public sealed record ToolDescriptor(string Name, string Label, string Description);
