namespace Parley.Tools;

/// <summary>Releases a tool set's resources together, each once, even when one fails.</summary>
public sealed class ToolSetResources(IReadOnlyList<IAsyncDisposable> resources) : IAsyncDisposable
{
    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        List<Exception>? failures = null;
        foreach (var resource in resources)
        {
            try
            {
                await resource.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("Some tool resources failed to close.", failures);
        }
    }
}
