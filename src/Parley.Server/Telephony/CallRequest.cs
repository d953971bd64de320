namespace Parley.Server.Telephony;

/// <summary>The body of <c>POST /v1/calls</c>: from one of the teamspace's numbers, to a number, with an agent and what it should know.</summary>
internal sealed record CallRequest(string? From, string? To, string? AgentId, string? InitialContext);
