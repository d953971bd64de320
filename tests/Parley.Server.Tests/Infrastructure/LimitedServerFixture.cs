namespace Parley.Server.Tests.Infrastructure;

/// <summary>A server of its own with tight limits, so timeouts and limits can be reached within a test.</summary>
public sealed class LimitedServerFixture() : ServerFixture(
[
    "--Parley:Sessions:ClientSilenceTimeout", "00:00:01.5",
    "--Parley:Sessions:MaxSessionDuration", "00:00:04",
    "--Parley:Sessions:MaxSessionsPerKey", "2",
    "--Parley:Api:RequestsPerWindow", "5",
    "--Parley:Api:HandoffTokenLifetime", "00:00:01",
]);
