using Parley.Protocol.Payloads;

namespace Parley.Server.Converse;

/// <summary>The <c>data</c> of a stream's <c>start</c> and <c>end</c> events (the SDK's <c>ConverseStatusEvent.Data</c>).</summary>
internal sealed record ConverseStatusData(string AgentId, string ConversationId, string Status);

/// <summary>The <c>data</c> of a <c>delta</c> event (the SDK's <c>ConverseContentMessageDeltaEvent.Data</c>).</summary>
internal sealed record ConverseDeltaData(ConverseDelta Delta);

/// <summary>A piece of the answer's text.</summary>
internal sealed record ConverseDelta(string Text)
{
    public string Type => "text";
}

/// <summary>The <c>data</c> of a <c>citations</c> event (the SDK's <c>ConverseCitationsEvent.Data</c>).</summary>
internal sealed record ConverseCitationsData(string AgentId, string ConversationId, IReadOnlyList<Citation> Citations);

/// <summary>The <c>data</c> of an <c>error</c> event: the SDK throws an <c>APIError</c> with <c>error</c> and <c>message</c>.</summary>
internal sealed record ConverseErrorData(string Error, string Message);
