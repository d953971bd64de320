using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Sessions.Agents;
using Parley.Sessions.History;
using Parley.Storage.Conversations;
using Parley.Storage.Messages;

namespace Parley.Sessions.Converse;

/// <summary>
/// Answers a text turn with the same agents, tools, knowledge and conversations as voice sessions: the history is the
/// conversation's (its voice sessions' lines and its text turns alike), and the turn is stored as two text messages,
/// the user's and the agent's, with the agent's tool calls and citations in the latter's timeline.
/// </summary>
public sealed class ConverseRunner(IAgentFactory agents, ConversationStore conversations, MessageStore messages, VoiceSessionOptions options, TimeProvider time)
{
    /// <summary>The most characters of a tool's output given back per call.</summary>
    public const int MaxToolOutputChars = 4_000;

    /// <summary>Runs the turn, streaming what happens; the last update is <see cref="ConverseUpdate.Finished"/>.</summary>
    /// <remarks>The user's words are stored before the agent answers, so a failing agent loses nothing the user said.</remarks>
    public async IAsyncEnumerable<ConverseUpdate> RunAsync(ConverseTurn turn, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var started = time.GetTimestamp();
        var earlier = await messages.LoadTranscriptAsync(turn.ConversationId, cancellationToken).ConfigureAwait(false);
        var history = new ConversationHistory(Instructions(turn), earlier);
        history.Add(MessageRoles.User, turn.Prompt);
        // The user's message names the agent it was put to: the SDK types every message's agent_id as a string.
        await messages.CreateTextMessageAsync(turn.TeamspaceId, turn.ConversationId, turn.Agent.Id, MessageRoles.User, turn.Prompt, cancellationToken).ConfigureAwait(false);

        var sink = new CitationSink();
        await using var agent = await agents.CreateAsync(
            new AgentSessionContext(turn.Agent, turn.TeamspaceId, turn.KnowledgeIds, turn.SecretIds, turn.User, sink), cancellationToken).ConfigureAwait(false);

        var text = new StringBuilder();
        var calls = new Dictionary<string, ConverseUpdate.ToolCall>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var citations = new List<Citation>();
        var timeline = new List<TimelineEvent>();
        await foreach (var update in agent.Client.GetStreamingResponseAsync(history.Snapshot(options.HistoryTokenBudget), agent.Options, cancellationToken)
            .ConfigureAwait(false))
        {
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case FunctionCallContent call:
                        names[call.CallId] = call.Name;
                        yield return Record(new ConverseUpdate.ToolCall(call.CallId, call.Name, "in_progress", null), ToolCallStatuses.Started);
                        break;
                    case FunctionResultContent result:
                        // Citations are reported while the tool runs, so they are all in by the time its result is.
                        foreach (var found in sink.Drain())
                        {
                            citations.AddRange(found);
                            timeline.Add(Event(TimelineEventTypes.Citation) with
                            {
                                CitationsJson = JsonSerializer.Serialize(found, ProtocolJsonContext.Default.IReadOnlyListCitation),
                            });
                            yield return new ConverseUpdate.Cited(found);
                        }

                        var failed = result.Exception is not null;
                        yield return Record(
                            new ConverseUpdate.ToolCall(result.CallId, names.GetValueOrDefault(result.CallId, "tool"), failed ? "failed" : "completed", Output(result.Result)),
                            failed ? ToolCallStatuses.Failed : ToolCallStatuses.Completed);
                        break;
                    case TextContent { Text.Length: > 0 } piece:
                        text.Append(piece.Text);
                        yield return new ConverseUpdate.Delta(piece.Text);
                        break;
                }
            }
        }

        var answer = await messages.CreateTextMessageAsync(
            turn.TeamspaceId, turn.ConversationId, turn.Agent.Id, MessageRoles.Agent, text.ToString().Trim(), cancellationToken).ConfigureAwait(false);
        if (timeline.Count > 0)
        {
            await messages.AppendEventsAsync(answer.Id, timeline, cancellationToken).ConfigureAwait(false);
        }

        await conversations.TouchAsync(turn.ConversationId, turn.Agent.Id, cancellationToken).ConfigureAwait(false);
        yield return new ConverseUpdate.Finished(answer, citations, [.. calls.Values]);

        ConverseUpdate.ToolCall Record(ConverseUpdate.ToolCall call, string status)
        {
            calls[call.Id] = call;
            timeline.Add(Event(TimelineEventTypes.ToolCallStatus) with { ToolName = call.ToolName, Status = status });
            return call;
        }

        TimelineEvent Event(string type) => new() { TimestampMs = (long)time.GetElapsedTime(started).TotalMilliseconds, Type = type };
    }

    private static IEnumerable<string> Instructions(ConverseTurn turn)
    {
        yield return turn.Agent.Spec.SystemPrompt ?? string.Empty;
        yield return turn.Agent.Spec.CustomPrompt ?? string.Empty;
    }

    private static string? Output(object? result)
    {
        var text = result switch
        {
            null => null,
            string s => s,
            JsonElement json => json.ValueKind == JsonValueKind.String ? json.GetString() : json.GetRawText(),
            _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())),
        };
        return text is { Length: > MaxToolOutputChars } ? text[..MaxToolOutputChars] : text;
    }

    /// <summary>Collects citations as tools report them (on the tool's thread), for the turn to hand on in order.</summary>
    private sealed class CitationSink : IAgentEventSink
    {
        private readonly ConcurrentQueue<IReadOnlyList<Citation>> _citations = new();

        public IEnumerable<IReadOnlyList<Citation>> Drain()
        {
            while (_citations.TryDequeue(out var found))
            {
                yield return found;
            }
        }

        public void OnToolStatus(string toolName, string status)
        {
            // The stream carries each call with its id and output; nothing to add.
        }

        public void OnCitations(IReadOnlyList<Citation> citations)
        {
            if (citations.Count > 0)
            {
                _citations.Enqueue(citations);
            }
        }

        public void OnEndCallRequested()
        {
            // A text turn has no call to end.
        }
    }
}
