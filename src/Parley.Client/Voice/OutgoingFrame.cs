namespace Parley.Client.Voice;

/// <summary>A frame waiting for the send loop; whoever queued it may await <see cref="Done"/>.</summary>
internal sealed class OutgoingFrame(byte[] bytes, OutgoingKind kind, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public byte[] Bytes => bytes;

    public OutgoingKind Kind => kind;

    public CancellationToken CancellationToken => cancellationToken;

    public Task Done => _done.Task;

    public void Complete() => _done.TrySetResult();

    public void Fail(Exception error)
    {
        if (error is OperationCanceledException canceled)
        {
            _done.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            _done.TrySetException(error);
        }

        _ = _done.Task.Exception;
    }
}
