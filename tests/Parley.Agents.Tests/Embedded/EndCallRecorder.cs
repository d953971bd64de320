using Microsoft.Extensions.AI;
using Parley.Agents.Tools;

namespace Parley.Agents.Tests.Embedded;

/// <summary>A real <c>end_call</c> <see cref="AIFunction"/> that counts how often the agent ended the call.</summary>
internal sealed class EndCallRecorder
{
    public EndCallRecorder() =>
        Function = AIFunctionFactory.Create((string? reason) =>
        {
            Calls++;
            return "The call will end after this reply.";
        }, new AIFunctionFactoryOptions { Name = ToolNames.EndCall });

    public int Calls { get; private set; }

    public AIFunction Function { get; }
}
