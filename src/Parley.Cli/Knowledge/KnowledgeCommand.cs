using System.CommandLine;
using Parley.Cli.Agents;
using Parley.Cli.Common;
using Parley.Client.Knowledge;

namespace Parley.Cli.Knowledge;

/// <summary><c>parley knowledge list|get|create|rename|delete</c>.</summary>
internal static class KnowledgeCommand
{
    private static readonly Argument<string> Id = new("id") { Description = "The knowledge's id" };
    private static readonly Argument<string> NewName = new("name") { Description = "The new name" };
    private static readonly Argument<FileInfo[]> Files = new("files") { Description = "Files to upload (.txt, .md, .pdf)", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> Name = new("--name") { Description = "The knowledge's name (default: the first file's)" };
    private static readonly Option<bool> Wait = new("--wait") { Description = "Wait until the files are ingested (ready or failed)" };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many", DefaultValueFactory = _ => 100 };

    public static Command Create(CliContext context)
    {
        var list = new Command("list", "List knowledge, newest first") { Limit }.WithAction(context, ListAsync);
        var get = new Command("get", "Show one knowledge and its ingestion status") { Id }.WithAction(context, (s, ct) => ShowAsync(s, c => c.Knowledge.GetAsync(s.Value(Id), ct)));
        var create = new Command("create", "Upload files as a new knowledge") { Files, Name, Wait }.WithAction(context, CreateAsync);
        var rename = new Command("rename", "Rename a knowledge") { Id, NewName }.WithAction(context, (s, ct) => ShowAsync(s, c => c.Knowledge.RenameAsync(s.Value(Id), s.Value(NewName), ct)));
        var delete = new Command("delete", "Delete a knowledge") { Id }.WithAction(context, async (s, ct) =>
        {
            using var client = s.CreateClient();
            await client.Knowledge.DeleteAsync(s.Value(Id), ct).ConfigureAwait(false);
            return AgentsCommand.Deleted(s, s.Value(Id), "knowledge");
        });
        return new Command("knowledge", "Manage knowledge (uploaded files agents search)") { list, get, create, rename, delete };
    }

    private static async Task<int> CreateAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        var paths = scope.Value(Files);
        if (paths.FirstOrDefault(f => !f.Exists) is { } missing)
        {
            throw new CliException(ExitCodes.Usage, $"No such file: {missing.FullName}");
        }

        using var client = scope.CreateClient();
        var files = paths.Select(f => KnowledgeFile.FromPath(f.FullName)).ToList();
        try
        {
            return await ShowAsync(scope, async c =>
            {
                var created = await c.Knowledge.CreateAsync(files, scope.Value(Name), cancellationToken).ConfigureAwait(false);
                return scope.Value(Wait) ? await c.Knowledge.WaitUntilSettledAsync(created.Id, cancellationToken: cancellationToken).ConfigureAwait(false) : created;
            }, client).ConfigureAwait(false);
        }
        finally
        {
            foreach (var file in files)
            {
                await file.Content.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> ListAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        using var client = scope.CreateClient();
        var items = new List<KnowledgeBase>();
        await foreach (var item in client.Knowledge.ListAllAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
            if (items.Count >= scope.Value(Limit))
            {
                break;
            }
        }

        if (scope.Json)
        {
            Output.WriteJson<IReadOnlyList<KnowledgeBase>>(scope.Context, items);
            return ExitCodes.Ok;
        }

        var table = Output.Table("id", "name", "status", "files", "created");
        foreach (var k in items)
        {
            table.AddEscapedRow(k.Id, k.Name, k.Status, FileCounts(k), Output.Time(k.CreatedAt));
        }

        scope.Context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> ShowAsync(CommandScope scope, Func<Parley.Client.ParleyClient, Task<KnowledgeBase>> call, Parley.Client.ParleyClient? client = null)
    {
        using var owned = client is null ? scope.CreateClient() : null;
        var knowledge = await call(client ?? owned!).ConfigureAwait(false);
        if (scope.Json)
        {
            Output.WriteJson(scope.Context, knowledge);
            return ExitCodes.Ok;
        }

        var table = Output.Table("field", "value");
        table.AddEscapedRow("id", knowledge.Id);
        table.AddEscapedRow("name", knowledge.Name);
        table.AddEscapedRow("status", knowledge.Status);
        table.AddEscapedRow("files", FileCounts(knowledge));
        table.AddEscapedRow("last error", knowledge.LastError?.Message);
        table.AddEscapedRow("created", Output.Time(knowledge.CreatedAt));
        scope.Context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static string FileCounts(KnowledgeBase k)
        => k.RowCounts is { } c ? $"{c.Completed}/{c.Total} indexed{(c.Failed > 0 ? $", {c.Failed} failed" : string.Empty)}" : string.Empty;
}
