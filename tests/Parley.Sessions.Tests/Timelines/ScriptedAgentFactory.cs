using Parley.Sessions.Agents;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>Builds each session's agent on a <see cref="ScriptedChatClient"/>, holding a resource the ledger counts until the session releases it.</summary>
internal sealed class ScriptedAgentFactory(int seed, EngineLedger ledger, FaultPlan faults, double endCallChance, bool slowAgent, TimeProvider time) : IAgentFactory
{
    public async ValueTask<SessionAgent> CreateAsync(AgentSessionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await Task.Yield();
        faults.Hit(FaultPoint.AgentCreate);
        ledger.AgentCreated();
        return new SessionAgent(new ScriptedChatClient(seed, ledger, faults, context.Events, endCallChance, slowAgent, time), null, new Resources(ledger));
    }

    private sealed class Resources(EngineLedger ledger) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                ledger.AgentDisposed();
            }

            return ValueTask.CompletedTask;
        }
    }
}
