using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Knowledge;
using Parley.Storage;
using Parley.Storage.ApiKeys;
using Parley.Storage.Messages;
using Parley.Storage.Orchestration;
using Parley.Storage.Teamspaces;
using Parley.Storage.Telephony;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A teamspace of its own on a running server with one of every resource and a key of every kind, so tests can aim real ids at it.</summary>
public sealed record TeamspaceWorld(
    string Teamspace,
    KeyHandle Admin,
    KeyHandle User,
    KeyHandle Revoked,
    string AgentId,
    string ConversationId,
    string MessageId,
    string KnowledgeId,
    string SecretId,
    string PhoneNumberId,
    string CallId,
    string TaskId,
    string FileId,
    string WebhookId)
{
    /// <summary>Every resource id of the teamspace, to check that no answer to another teamspace holds one.</summary>
    public IReadOnlyList<string> ResourceIds => [AgentId, ConversationId, MessageId, KnowledgeId, SecretId, PhoneNumberId, CallId, TaskId, FileId, WebhookId, Admin.Id, User.Id, Revoked.Id];

    /// <summary>Makes the teamspace and everything in it.</summary>
    public static async Task<TeamspaceWorld> CreateAsync(ServerFixture server, string label)
    {
        var teamspace = $"{label}-{Guid.NewGuid():N}";
        var admin = await KeyHandle.CreateAsync(server, teamspace, admin: true);
        var user = await KeyHandle.CreateAsync(server, teamspace, admin: false);
        var revoked = await KeyHandle.CreateAsync(server, teamspace, admin: false);
        await server.Services.GetRequiredService<ApiKeyStore>().RevokeAsync(teamspace, revoked.Id);

        using var api = server.Api(admin.Raw);
        var agent = (await api.PostAsync("/v1/agents", """{"name": "owned agent"}""")).AssertStatus(HttpStatusCode.Created).Id;
        var conversation = (await api.PostAsync("/v1/conversations", $$"""{"name": "owned conversation", "agent_ids": ["{{agent}}"]}""")).AssertStatus(HttpStatusCode.Created).Id;
        var secret = (await api.PostAsync("/v1/secrets", """{"name": "OWNED", "value": "owned-value"}""")).AssertStatus(HttpStatusCode.Created).Id;
        var phoneNumber = (await api.PostAsync("/v1/phone-numbers", PhoneNumberBody("OWNED"))).AssertStatus(HttpStatusCode.Created).Id;
        var webhook = (await api.PostAsync("/v1/webhooks", WebhookBody)).AssertStatus(HttpStatusCode.Created).Id;
        using var files = new FilesClient(server, admin.Raw);
        var file = (await files.UploadTextAsync("owned.txt", "Owned file.")).AssertStatus(HttpStatusCode.Created).Id;
        using var knowledge = new KnowledgeClient(server, admin.Raw);
        var knowledgeId = (await knowledge.CreateAsync("owned knowledge", KnowledgeClient.File("owned.txt", "Owned text."))).AssertStatus(HttpStatusCode.Created).Id;

        var messages = server.Services.GetRequiredService<MessageStore>();
        var message = Ids.New();
        await messages.CreateVoiceMessageAsync(message, teamspace, conversation, agent);
        await messages.AppendEventAsync(message, new TimelineEvent { TimestampMs = 1, Type = TimelineEventTypes.Transcript, Role = MessageRoles.User, Text = "owned words" });
        var call = await server.Services.GetRequiredService<CallStore>().CreateAsync(new CallRecord
        {
            Id = string.Empty, TeamspaceId = teamspace, PhoneNumberId = phoneNumber, Direction = "inbound", Carrier = Carriers.Twilio, From = "+15550001111",
            To = "+15550002222", AgentId = agent, Status = CallStatuses.Completed,
        });
        var (_, task) = await server.Services.GetRequiredService<OrchestratorTaskStore>().CreateAsync(
            new NewOrchestratorTask(teamspace, conversation, MessageId: null, agent, "owned agent", "an owned task"),
            TimeSpan.FromDays(1), maxActivePerTeamspace: 16, maxQueued: 256);
        return new TeamspaceWorld(teamspace, admin, user, revoked, agent, conversation, message, knowledgeId, secret, phoneNumber, call.Id, task!.Id, file, webhook);
    }

    /// <summary>A create body for a webhook (never delivered to: no event of it happens in these tests).</summary>
    public const string WebhookBody = """{"url": "https://hooks.example.com/owned", "events": ["knowledge.processing.completed"]}""";

    /// <summary>A create body for a Twilio number of its own (numbers are unique server-wide) whose credential is the secret <paramref name="secretName"/>.</summary>
    public static string PhoneNumberBody(string secretName)
        => $$"""{"number": "+1555{{Random.Shared.Next(1_000_000, 9_999_999)}}", "carrier": "twilio", "account_id": "AC{{new string('0', 32)}}", "credential_secret": "{{secretName}}"}""";
}

/// <summary>A key made for a test: its id and the raw key.</summary>
public sealed record KeyHandle(string Id, string Raw)
{
    /// <summary>A new key straight in the server's database (the teamspace is made if new).</summary>
    public static async Task<KeyHandle> CreateAsync(ServerFixture server, string teamspace, bool admin)
    {
        await server.Services.GetRequiredService<TeamspaceStore>().EnsureAsync(teamspace, teamspace);
        var (key, raw) = await server.Services.GetRequiredService<ApiKeyStore>().CreateAsync(teamspace, admin ? "admin" : "user", admin);
        return new KeyHandle(key.Id, raw);
    }
}
