namespace Parley.Server.Orchestration;

/// <summary>The task inbox (the SDK's <c>VoiceOrchestratorTaskList</c>): one bounded page, so <c>has_more</c> is always false.</summary>
internal sealed record OrchestratorTaskListResponse(IReadOnlyList<OrchestratorTaskResponse> Data)
{
    public string Object => "list";

    public string? FirstId => Data.Count > 0 ? Data[0].TaskId : null;

    public string? LastId => Data.Count > 0 ? Data[^1].TaskId : null;

    public bool HasMore => false;
}
