using Parley.Protocol.Payloads;

namespace Parley.Tools.Tests.Mcp;

/// <summary>Tool events nobody listens to.</summary>
internal sealed class NoToolEvents : IToolEvents
{
    public static NoToolEvents Instance { get; } = new();

    public void OnCitations(IReadOnlyList<Citation> citations)
    {
    }

    public void OnEndCallRequested()
    {
    }
}
