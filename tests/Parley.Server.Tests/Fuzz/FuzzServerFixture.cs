using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Fuzz;

/// <summary>The server the fuzz tests hammer: its own data folder, no rate limit in the way, one ingestion at a time.</summary>
/// <remarks>
/// A third of the fuzzed sockets never get a valid <c>start</c> and wait out the start timeout: one second instead of
/// ten keeps the suite to seconds, and the timeout's rule is the same.
/// </remarks>
public sealed class FuzzServerFixture() : ServerFixture(
[
    "--Parley:Api:RequestsPerWindow", "100000000",
    "--Parley:Knowledge:MaxConcurrentIngestions", "1",
    "--Parley:Sessions:MaxSessionsPerKey", "64",
    "--Parley:Sessions:StartTimeout", "00:00:01",
])
{
    /// <summary>The managed heap after a full collection, in bytes: the server's (and these tests') live objects.</summary>
    /// <remarks>
    /// Meaningful because the fuzz collection runs alone (<see cref="FuzzCollection"/>): no other test allocates
    /// meanwhile. It counts what stays, not how long anything took, so it does not depend on the machine's load.
    /// </remarks>
    public static long LiveHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>A fresh non-admin key of a teamspace of its own, made straight in the database.</summary>
    public Task<string> KeyAsync(string teamspace, bool admin = false) => CreateKeyAsync(teamspace, admin);

    /// <summary>Services of the running server, for tests that look inside.</summary>
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>The fuzz tests, run one after another and after every other collection, alone in the process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection : ICollectionFixture<FuzzServerFixture>
{
    public const string Name = "fuzz";
}
