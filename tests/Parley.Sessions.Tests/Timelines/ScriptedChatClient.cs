using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Parley.Agents.ToolCalls;
using Parley.Sessions.Agents;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>An agent that answers anything with one to four short sentences, streamed in halves with small delays (thinking for up to 400 ms first when slow).</summary>
/// <remarks>
/// Every sentence of the <c>n</c>th reply carries the tag <c>r{n}</c>, so the checker can tell on the wire which reply an
/// agent transcript (and the audio after it) belongs to. None of its words is one the scripted user says, so the
/// barge-in judge never takes the user's words for echo. Now and then it ends the call, as the end_call tool would.
/// </remarks>
internal sealed class ScriptedChatClient(
    int seed, EngineLedger ledger, FaultPlan faults, IAgentEventSink events, double endCallChance, bool slow, TimeProvider time) : IChatClient
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private int _replies;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ledger.ChatStarted();
        try
        {
            var reply = Interlocked.Increment(ref _replies);
            if (TurnConfirmation.Of(options) is { } confirmation)
            {
                ledger.Speculated(reply, confirmation);
            }

            int sentences, endCallAfter;
            int[] delays;
            lock (_gate)
            {
                sentences = _random.Next(1, 5);
                endCallAfter = _random.NextDouble() < endCallChance ? _random.Next(sentences) : -1;
                delays = [.. Enumerable.Range(0, sentences * 2).Select(i => i == 0 && slow ? _random.Next(100, 401) : _random.Next(0, 16))];
            }

            faults.Hit(FaultPoint.ChatStart);
            for (var sentence = 0; sentence < sentences; sentence++)
            {
                for (var half = 0; half < 2; half++)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(delays[(sentence * 2) + half]), time, cancellationToken);
                    if (sentence + half > 0)
                    {
                        faults.Hit(FaultPoint.ChatMidStream);
                    }

                    yield return new ChatResponseUpdate(ChatRole.Assistant, half == 0 ? $"Answer r{reply} " : $"piece {Words[sentence]}. ");
                }

                if (sentence == endCallAfter)
                {
                    // As the tool invoker does for a tool with effects: a reply prepared before its turn is sure waits for it.
                    await TurnConfirmation.WaitAsync(options, cancellationToken);
                    events.OnToolStatus("end_call", "started");
                    events.OnEndCallRequested();
                    events.OnToolStatus("end_call", "completed");
                }
            }
        }
        finally
        {
            ledger.ChatEnded();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta"];
}
