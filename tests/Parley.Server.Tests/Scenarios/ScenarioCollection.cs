using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Scenarios;

/// <summary>
/// The scripted conversations, on a server of their own, alone in the process after every parallel collection. They
/// stream at real-time pace and mix the agent's echo in by the wall clock, and the server judges echo by loudness
/// contours on its own wall clock: a browser, a phone line or a killed server beside them made them jitter (echo heard
/// as "in all", a barge-in decided 3.4 s after the onset in a clean-clone run at load 25).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScenarioCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "scenarios";
}
