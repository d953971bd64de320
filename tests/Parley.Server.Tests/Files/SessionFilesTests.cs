using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parley.Agents.Tools;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage.Knowledge;

namespace Parley.Server.Tests.Files;

/// <summary>A session's <c>file_ids</c>: the agent searches them as it searches knowledge, and only in that session.</summary>
[Collection(ServerCollection.Name)]
public sealed class SessionFilesTests(ServerFixture server)
{
    private const string Document =
        "Project briefing.\n\nThe team meets every Tuesday in the blue room.\n\n"
        + "The launch code for project mercury is seven seven four.\n\nVisitors sign in at the front desk.";

    [Fact]
    public async Task The_agent_answers_from_a_file_the_session_names_and_not_in_a_session_without_it()
    {
        var teamspace = $"sf-{Guid.NewGuid():N}";
        var key = await server.CreateKeyAsync(teamspace);
        using var files = new FilesClient(server, key);
        var file = (await files.UploadTextAsync("briefing.txt", Document)).AssertStatus(HttpStatusCode.Created);
        await WaitUntilIndexedAsync(file.Id);

        // The file's index is not a knowledge of the teamspace's: the knowledge API never shows it.
        Assert.Empty(await files.Api.ListAllAsync("v1/knowledge", limit: 10));

        var answered = await AskAsync(key, [file.Id]);
        Assert.Contains(answered.Frames, m => m is ToolCallMessage { Payload: { ToolName: ToolNames.KnowledgeSearch, Status: ToolCallStatuses.Completed } });
        Assert.Contains("seven seven four", answered.AgentText, StringComparison.OrdinalIgnoreCase);
        var citation = answered.Frames.OfType<CitationMessage>().Single().Payload.Citations.Single().Sources.Single();
        Assert.Equal("briefing.txt", citation.SourceName);

        var without = await AskAsync(key, []);
        Assert.DoesNotContain("seven seven four", without.AgentText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_file_of_another_teamspace_is_refused_as_an_unknown_one()
    {
        using var files = new FilesClient(server, await server.CreateKeyAsync($"sf-{Guid.NewGuid():N}"));
        var foreign = (await files.UploadTextAsync("secret.txt", "not yours")).AssertStatus(HttpStatusCode.Created);

        (await server.Api().PostAsync("v1/voice", $$"""{"file_ids": ["{{foreign.Id}}"]}""")).AssertError(HttpStatusCode.NotFound, "not_found");
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { FileIds = [foreign.Id] }));
        var error = await client.WaitForErrorAsync();
        Assert.Equal((ErrorCodes.InvalidMessage, $"File '{foreign.Id}' was not found."), (error.Code, error.Message));
    }

    private async Task WaitUntilIndexedAsync(string fileId)
    {
        var knowledge = server.Services.GetRequiredService<KnowledgeStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await knowledge.FindByFileAsync(fileId) is { Status: KnowledgeStatus.Ready })
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The file was not indexed within 30 s.");
    }

    private async Task<(IReadOnlyList<VoiceMessage> Frames, string AgentText)> AskAsync(string key, IReadOnlyList<string> fileIds)
    {
        await using var client = await VoiceTestClient.ConnectAsync(server.VoiceUri(key));
        await client.SendAsync(new StartMessage(new StartPayload { FileIds = fileIds, Ephemeral = true, VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();
        await client.SendAsync(new TextMessage(new TextPayload { Text = "what is the launch code for project mercury" }));
        await client.WaitForAgentToFinishAsync();
        await client.SendAsync(StopMessage.Instance);
        await client.WaitForAsync<EndedMessage>();
        var frames = client.All.Select(f => f.Message).ToList();
        var text = string.Join(' ', frames.OfType<TranscriptMessage>().Where(t => t.Payload.Role == Roles.Agent).Select(t => t.Payload.Text));
        return (frames, text);
    }
}
