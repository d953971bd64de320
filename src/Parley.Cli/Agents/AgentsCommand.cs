using System.CommandLine;
using Parley.Cli.Common;
using Parley.Client.Agents;

namespace Parley.Cli.Agents;

/// <summary><c>parley agents list|get|create|update|delete</c>.</summary>
internal static class AgentsCommand
{
    private static readonly Argument<string> Id = new("id") { Description = "The agent's id" };
    private static readonly Option<string?> Search = new("--search") { Description = "Only agents whose name contains this" };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many", DefaultValueFactory = _ => 100 };
    private static readonly Option<string?> Name = new("--name") { Description = "The agent's name" };
    private static readonly Option<string?> Description = new("--description") { Description = "What the agent is for" };
    private static readonly Option<string?> SystemPrompt = new("--system-prompt") { Description = "The agent's instructions" };
    private static readonly Option<string?> Voice = new("--voice") { Description = "The voice it speaks with" };
    private static readonly Option<string?> LlmModel = new("--llm-model") { Description = "The model that answers (default: parley-embedded)" };
    private static readonly Option<string[]> Tools = new("--tool") { Description = "A tool it may use (repeat for several; see GET /v1/tools)", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> Knowledge = new("--knowledge") { Description = "A knowledge id it searches (repeat for several)" };

    public static Command Create(CliContext context)
    {
        var list = new Command("list", "List agents, newest first") { Search, Limit }.WithAction(context, ListAsync);
        var get = new Command("get", "Show one agent") { Id }.WithAction(context, (s, ct) => ShowAsync(s, c => c.Agents.GetAsync(s.Value(Id), ct)));
        var create = new Command("create", "Create an agent") { Name, Description, SystemPrompt, Voice, LlmModel, Tools, Knowledge }
            .WithAction(context, (s, ct) => ShowAsync(s, c => c.Agents.CreateAsync(Request(s), ct)));
        var update = new Command("update", "Change an agent's fields (those given)") { Id, Name, Description, SystemPrompt, Voice, LlmModel, Tools, Knowledge }
            .WithAction(context, (s, ct) => ShowAsync(s, c => c.Agents.UpdateAsync(s.Value(Id), Request(s), ct)));
        var delete = new Command("delete", "Delete an agent") { Id }.WithAction(context, async (s, ct) =>
        {
            using var client = s.CreateClient();
            await client.Agents.DeleteAsync(s.Value(Id), ct).ConfigureAwait(false);
            return Deleted(s, s.Value(Id));
        });
        return new Command("agents", "Manage agents") { list, get, create, update, delete };
    }

    private static async Task<int> ListAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        using var client = scope.CreateClient();
        var agents = new List<Agent>();
        await foreach (var agent in client.Agents.ListAllAsync(new AgentListOptions { Search = scope.Value(Search) }, cancellationToken).ConfigureAwait(false))
        {
            agents.Add(agent);
            if (agents.Count >= scope.Value(Limit))
            {
                break;
            }
        }

        if (scope.Json)
        {
            Output.WriteJson<IReadOnlyList<Agent>>(scope.Context, agents);
            return ExitCodes.Ok;
        }

        var table = Output.Table("id", "name", "voice", "model", "tools", "created");
        foreach (var agent in agents)
        {
            table.AddEscapedRow(agent.Id, agent.IsDefault ? $"{agent.Name} (default)" : agent.Name, agent.VoicePreset, agent.LlmModel, string.Join(", ", agent.Tools.Select(t => t.Name)), Output.Time(agent.CreatedAt));
        }

        scope.Context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> ShowAsync(CommandScope scope, Func<Parley.Client.ParleyClient, Task<Agent>> call)
    {
        using var client = scope.CreateClient();
        var agent = await call(client).ConfigureAwait(false);
        if (scope.Json)
        {
            Output.WriteJson(scope.Context, agent);
            return ExitCodes.Ok;
        }

        var table = Output.Table("field", "value");
        table.AddEscapedRow("id", agent.Id);
        table.AddEscapedRow("name", agent.Name);
        table.AddEscapedRow("default", agent.IsDefault ? "yes" : "no");
        table.AddEscapedRow("description", agent.Description);
        table.AddEscapedRow("system prompt", agent.SystemPrompt);
        table.AddEscapedRow("voice", agent.VoicePreset);
        table.AddEscapedRow("model", agent.LlmModel);
        table.AddEscapedRow("tools", string.Join(", ", agent.Tools.Select(t => t.Name)));
        table.AddEscapedRow("knowledge", string.Join(", ", agent.KnowledgeIds ?? []));
        table.AddEscapedRow("created", Output.Time(agent.CreatedAt));
        scope.Context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static AgentRequest Request(CommandScope scope) => new()
    {
        Name = scope.Value(Name),
        Description = scope.Value(Description),
        SystemPrompt = scope.Value(SystemPrompt),
        VoicePreset = scope.Value(Voice),
        LlmModel = scope.Value(LlmModel),
        Tools = scope.Value(Tools) is { Length: > 0 } tools ? [.. tools.Select(t => new AgentTool(t))] : null,
        KnowledgeIds = scope.Value(Knowledge) is { Length: > 0 } knowledge ? knowledge : null,
    };

    internal static int Deleted(CommandScope scope, string id, string what = "agent")
    {
        if (scope.Json)
        {
            Output.WriteJson(scope.Context, new DeletedResult(id, what, true));
        }
        else
        {
            scope.Context.Out.WriteLine($"Deleted {what} {id}.");
        }

        return ExitCodes.Ok;
    }
}
