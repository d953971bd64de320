using System.CommandLine;
using Parley.Cli.Agents;
using Parley.Cli.Common;
using Parley.Client.Conversations;
using Parley.Client.Messages;
using Spectre.Console;

namespace Parley.Cli.Conversations;

/// <summary><c>parley conversations list|get|create|rename|delete|messages</c>.</summary>
internal static class ConversationsCommand
{
    private static readonly Argument<string> Id = new("id") { Description = "The conversation's id" };
    private static readonly Argument<string> NewName = new("name") { Description = "The new name" };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many", DefaultValueFactory = _ => 100 };
    private static readonly Option<bool> ByUpdate = new("--by-update") { Description = "Sort by last change instead of creation" };
    private static readonly Option<bool> Ascending = new("--asc") { Description = "Oldest first" };
    private static readonly Option<string?> Name = new("--name") { Description = "The conversation's name" };
    private static readonly Option<string[]> AgentIds = new("--agent") { Description = "An agent taking part (repeat for several)" };

    public static Command Create(CliContext context)
    {
        var list = new Command("list", "List conversations, newest first") { Limit, ByUpdate, Ascending }.WithAction(context, ListAsync);
        var get = new Command("get", "Show one conversation") { Id }.WithAction(context, (s, ct) => ShowAsync(s, c => c.Conversations.GetAsync(s.Value(Id), ct)));
        var create = new Command("create", "Create a conversation") { Name, AgentIds }.WithAction(context, (s, ct) => ShowAsync(s, c => c.Conversations.CreateAsync(
            new ConversationRequest { Name = s.Value(Name), AgentIds = s.Value(AgentIds) is { Length: > 0 } ids ? ids : null }, ct)));
        var rename = new Command("rename", "Rename a conversation") { Id, NewName }.WithAction(context, (s, ct) => ShowAsync(s, c => c.Conversations.UpdateAsync(
            s.Value(Id), new ConversationRequest { Name = s.Value(NewName) }, ct)));
        var delete = new Command("delete", "Delete a conversation and its messages") { Id }.WithAction(context, async (s, ct) =>
        {
            using var client = s.CreateClient();
            await client.Conversations.DeleteAsync(s.Value(Id), ct).ConfigureAwait(false);
            return AgentsCommand.Deleted(s, s.Value(Id), "conversation");
        });
        var messages = new Command("messages", "Show a conversation's messages: each voice session's transcript and tool calls") { Id, Limit }.WithAction(context, MessagesAsync);
        return new Command("conversations", "Manage conversations and read their transcripts") { list, get, create, rename, delete, messages };
    }

    private static async Task<int> ListAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        using var client = scope.CreateClient();
        var options = new ConversationListOptions
        {
            Sort = scope.Value(ByUpdate) ? ConversationSort.UpdatedAt : null,
            Ascending = scope.Value(Ascending) ? true : null,
        };
        var conversations = await Take(client.Conversations.ListAllAsync(options, cancellationToken), scope.Value(Limit), cancellationToken).ConfigureAwait(false);
        if (scope.Json)
        {
            Output.WriteJson<IReadOnlyList<Conversation>>(scope.Context, conversations);
            return ExitCodes.Ok;
        }

        var table = Output.Table("id", "name", "agents", "created", "updated");
        foreach (var c in conversations)
        {
            table.AddEscapedRow(c.Id, c.Name, string.Join(", ", c.AgentIds), Output.Time(c.CreatedAt), Output.Time(c.UpdatedAt));
        }

        scope.Context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> ShowAsync(CommandScope scope, Func<Parley.Client.ParleyClient, Task<Conversation>> call)
    {
        using var client = scope.CreateClient();
        var conversation = await call(client).ConfigureAwait(false);
        if (scope.Json)
        {
            Output.WriteJson(scope.Context, conversation);
            return ExitCodes.Ok;
        }

        var table = Output.Table("field", "value");
        table.AddEscapedRow("id", conversation.Id);
        table.AddEscapedRow("name", conversation.Name);
        table.AddEscapedRow("agents", string.Join(", ", conversation.AgentIds));
        table.AddEscapedRow("created", Output.Time(conversation.CreatedAt));
        table.AddEscapedRow("updated", Output.Time(conversation.UpdatedAt));
        scope.Context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> MessagesAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        using var client = scope.CreateClient();
        var messages = await Take(client.Conversations.Messages.ListAllAsync(scope.Value(Id), cancellationToken: cancellationToken), scope.Value(Limit), cancellationToken).ConfigureAwait(false);
        if (scope.Json)
        {
            Output.WriteJson<IReadOnlyList<ConversationMessage>>(scope.Context, messages);
            return ExitCodes.Ok;
        }

        foreach (var message in messages)
        {
            scope.Context.Console.MarkupLine($"[bold]{Markup.Escape(message.Id)}[/] [grey]{Output.Time(message.CreatedAt)}[/]");
            foreach (var item in message.Content)
            {
                if (item.Text is { } text)
                {
                    Output.Line(scope.Context, message.Role, text);
                }

                foreach (var e in item.TimelineEvents ?? [])
                {
                    if (e.Type == "transcript")
                    {
                        Output.Line(scope.Context, e.Role ?? "?", e.Text, e.Role == "user" ? "blue" : "green");
                    }
                    else if (e.Type == "tool_call_status")
                    {
                        Output.Line(scope.Context, "tool", $"{e.ToolName} ({e.Status})", "yellow");
                    }
                }
            }
        }

        return ExitCodes.Ok;
    }

    private static async Task<List<T>> Take<T>(IAsyncEnumerable<T> items, int limit, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(item);
            if (list.Count >= limit)
            {
                break;
            }
        }

        return list;
    }
}
