using Parley.Protocol.Payloads;
using Parley.Tools;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Tool events nobody listens to, for tests that build an agent's tools outside a session.</summary>
public sealed class NoToolEvents : IToolEvents
{
    public void OnCitations(IReadOnlyList<Citation> citations)
    {
    }

    public void OnEndCallRequested()
    {
    }
}
