using Parley.Engines.SpeechToText;
using Parley.Sessions.Listening;

namespace Parley.Sessions.Tests.Listening;

public sealed class UtteranceRecognitionTests
{
    [Fact]
    public async Task Frames_heard_while_the_stream_opens_are_fed_to_it_in_order_once_it_opens()
    {
        var opening = new TaskCompletionSource<IUtteranceRecognition>();
        await using var utterance = new UtteranceRecognition(opening.Task);
        var reused = new short[] { 1 };
        utterance.PushOwned([0]);
        utterance.Push(reused);
        reused[0] = 2; // The listener reuses its frame buffer: what was queued must be a copy.
        utterance.Push(reused);
        Assert.Null(utterance.PartialText);

        var stream = new CountingStream();
        opening.SetResult(stream);
        utterance.Push([3]);
        Assert.Equal([0, 1, 2, 3], stream.Frames);
        Assert.Equal("4 frames", await utterance.CompleteAsync());
    }

    [Fact]
    public async Task Completing_waits_for_a_stream_still_opening()
    {
        var opening = new TaskCompletionSource<IUtteranceRecognition>();
        await using var utterance = new UtteranceRecognition(opening.Task);
        utterance.Push([7]);
        var completing = utterance.CompleteAsync();
        Assert.False(completing.IsCompleted);
        opening.SetResult(new CountingStream());
        Assert.Equal("1 frames", await completing);
    }

    [Fact]
    public async Task A_stream_still_opening_when_the_utterance_is_dropped_is_awaited_and_disposed()
    {
        var opening = new TaskCompletionSource<IUtteranceRecognition>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new CountingStream();
        var disposing = new UtteranceRecognition(opening.Task).DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted); // Owned: the drop waits for the stream, so nothing is left running behind it.
        opening.SetResult(stream);
        await disposing;
        Assert.True(stream.Disposed);
    }

    [Fact]
    public async Task A_stream_that_fails_to_open_is_nothing_to_dispose()
    {
        var opening = new TaskCompletionSource<IUtteranceRecognition>();
        opening.SetException(new InvalidOperationException("no decoder"));
        await new UtteranceRecognition(opening.Task).DisposeAsync();
    }

    private sealed class CountingStream : IUtteranceRecognition
    {
        public List<short> Frames { get; } = [];

        public bool Disposed { get; private set; }

        public bool EndOfTurn => false;

        public void Push(ReadOnlySpan<short> samples) => Frames.Add(samples[0]);

        public string? GetPartialText() => $"{Frames.Count} frames";

        public Task<string> CompleteAsync(CancellationToken cancellationToken = default) => Task.FromResult($"{Frames.Count} frames");

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
