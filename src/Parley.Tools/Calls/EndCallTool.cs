using System.ComponentModel;
using Microsoft.Extensions.AI;
using Parley.Agents.Tools;

namespace Parley.Tools.Calls;

/// <summary>One session's <c>end_call</c>: asks the session to end after the reply being composed has been spoken.</summary>
internal sealed class EndCallTool
{
    /// <summary>What the tool returns, so a model knows to say goodbye rather than call again.</summary>
    public const string Acknowledgement = "The call will end after this reply. Say a short goodbye.";

    private readonly IToolEvents _events;

    public EndCallTool(IToolEvents events)
    {
        _events = events;
        Function = AIFunctionFactory.Create(EndCall, new AIFunctionFactoryOptions
        {
            Name = ToolNames.EndCall,
            Description = "Ends the call once your reply has been spoken. Use it when the caller says goodbye or asks to hang up.",
        });
    }

    /// <summary>The tool, ready for the agent's toolbox.</summary>
    public AIFunction Function { get; }

    /// <summary>Asks the session to end; the reason is for the model's own record and is not spoken.</summary>
    public string EndCall([Description("Why the call is ending, e.g. the caller said goodbye.")] string? reason = null)
    {
        _events.OnEndCallRequested();
        return Acknowledgement;
    }
}
