using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Parley.Agents;
using Parley.Agents.Tools;
using Parley.Sessions.Agents;

namespace Parley.Sessions.Tests.Core;

/// <summary>
/// An agent on Parley's real tool pipeline (function invocation with the tool-call reporter, as <see cref="AgentFactory"/>
/// builds it) whose model always calls one tool first, then answers "Done r{n} booked." with the reply's number.
/// </summary>
/// <param name="toolName">The tool's name.</param>
/// <param name="freeOfSideEffects">Whether the tool is marked free of side effects (may run before its turn is confirmed).</param>
/// <param name="time">The session's clock.</param>
internal sealed class ToolCallingAgentFactory(string toolName, bool freeOfSideEffects, TimeProvider time) : IAgentFactory
{
    private int _invocations;
    private int _requests;

    /// <summary>How many times the tool has run.</summary>
    public int Invocations => Volatile.Read(ref _invocations);

    /// <summary>How many times the model was asked (each reply asks twice: for the call, then for the answer).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public ValueTask<SessionAgent> CreateAsync(AgentSessionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new AIFunctionFactoryOptions { Name = toolName, Description = "Books a table." };
        var tool = AIFunctionFactory.Create(
            () =>
            {
                Interlocked.Increment(ref _invocations);
                return "booked";
            },
            freeOfSideEffects ? ToolEffects.FreeOfSideEffects(options) : options);
        var pipeline = AgentChatClientFactory.Create(new Model(this, toolName), [tool], time, (toolCall, _) =>
        {
            context.Events.OnToolStatus(toolCall.ToolName, AgentFactory.Status(toolCall.Status));
            return ValueTask.CompletedTask;
        });
        return ValueTask.FromResult(new SessionAgent(pipeline.ChatClient, pipeline.CreateOptions()));
    }

    private sealed class Model(ToolCallingAgentFactory owner, string toolName) : IChatClient
    {
        private int _replies;

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref owner._requests);
            await Task.Yield();
            if (messages.Last().Role == ChatRole.Tool)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, $"Done r{Volatile.Read(ref _replies)} booked.");
                yield break;
            }

            var reply = Interlocked.Increment(ref _replies);
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent($"call-{reply}", toolName)]);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
