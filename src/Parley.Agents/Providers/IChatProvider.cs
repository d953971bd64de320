using Microsoft.Extensions.AI;

namespace Parley.Agents.Providers;

/// <summary>A configured language model server; hands out one thread-safe chat client per model and owns them.</summary>
internal interface IChatProvider : IDisposable
{
    /// <summary>The provider's configuration.</summary>
    ChatProviderOptions Options { get; }

    /// <summary>The shared chat client for <paramref name="model"/>; callers must not dispose it.</summary>
    IChatClient GetClient(string model);
}
