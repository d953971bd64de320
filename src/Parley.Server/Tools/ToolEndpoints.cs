using Parley.Agents.Tools;
using Parley.Server.Api;

namespace Parley.Server.Tools;

/// <summary><c>/v1/tools</c>: the tools an agent can be given, listed by name (the cursor is the name).</summary>
internal static class ToolEndpoints
{
    public static void MapTools(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tools").WithTags("Tools");
        group.MapGet("/", List).Produces<ListResponse<ToolResponse>>();
        group.MapGet("/{name}", Retrieve).Produces<ToolResponse>();
    }

    private static IResult List(HttpContext context)
    {
        var page = PageQuery.Read(context.Request);
        var sorted = ToolCatalog.All.OrderBy(t => t.Name, StringComparer.Ordinal);
        var window = page.Before is { } before
            ? sorted.Where(t => string.CompareOrdinal(t.Name, before) < 0).TakeLast(page.Limit + 1).ToList()
            : sorted.Where(t => page.After is null || string.CompareOrdinal(t.Name, page.After) > 0).Take(page.Limit + 1).ToList();
        return ApiResults.Json(Pages.From(window, page, ToolResponse.From), ToolsJsonContext.Default.ListResponseToolResponse);
    }

    private static IResult Retrieve(string name)
        => ToolCatalog.Find(name) is { } tool
            ? ApiResults.Json(ToolResponse.From(tool), ToolsJsonContext.Default.ToolResponse)
            : ApiResults.NotFound("Tool", name);
}
