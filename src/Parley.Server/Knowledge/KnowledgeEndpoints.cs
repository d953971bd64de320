using Microsoft.AspNetCore.Mvc;
using Parley.Knowledge;
using Parley.Server.Api;
using Parley.Storage.Knowledge;

namespace Parley.Server.Knowledge;

/// <summary><c>/v1/knowledge</c>: create from uploaded files, retrieve, update, list, delete. Ingestion runs in the background.</summary>
internal static class KnowledgeEndpoints
{
    /// <summary>Maps the knowledge routes under <paramref name="api"/> (the <c>/v1</c> group).</summary>
    public static void MapKnowledge(this IEndpointRouteBuilder api)
    {
        var maxUploadBytes = (api.ServiceProvider.GetService<ApiOptions>() ?? new ApiOptions()).MaxUploadBytes;
        var group = api.MapGroup("/knowledge").WithTags("Knowledge");
        group.MapPost("/", CreateAsync)
            .WithMetadata(new RequestSizeLimitAttribute(maxUploadBytes))
            .Accepts<KnowledgeCreateForm>("multipart/form-data")
            .Produces<KnowledgeResponse>(StatusCodes.Status201Created);
        group.MapGet("/", ListAsync).Produces<ListResponse<KnowledgeResponse>>();
        group.MapGet("/{id}", RetrieveAsync).Produces<KnowledgeResponse>();
        group.MapPatch("/{id}", UpdateAsync)
            .WithMetadata(new RequestSizeLimitAttribute(JsonBody.MaxBytes))
            .Accepts<KnowledgeUpdateRequest>("application/json", "multipart/form-data")
            .Produces<KnowledgeResponse>();
        group.MapDelete("/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, KnowledgeService knowledge, ApiOptions options)
    {
        var caller = context.Caller();
        var form = await KnowledgeForm.ReadCreateAsync(context.Request, options.MaxUploadBytes).ConfigureAwait(false);
        var uploads = form.Files.Select(f => new KnowledgeUpload(f.FileName, f.ContentType, f.OpenReadStream)).ToList();
        // Unnamed knowledge is called after its first file, as it would be shown in a file picker.
        var name = form.Name ?? KnowledgeService.DisplayName(form.Files[0].FileName);
        var created = await knowledge.CreateAsync(caller.TeamspaceId, name, uploads, context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(KnowledgeResponse.From(created), KnowledgeJsonContext.Default.KnowledgeResponse, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, KnowledgeStore store)
    {
        var page = PageQuery.Read(context.Request);
        var rows = await store.ListAsync(context.Caller().TeamspaceId, Pages.Probe(page), context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(Pages.From(rows, page, KnowledgeResponse.From), KnowledgeJsonContext.Default.ListResponseKnowledgeResponse);
    }

    private static async Task<IResult> RetrieveAsync(string id, HttpContext context, KnowledgeStore store)
    {
        var knowledge = await store.FindAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false);
        return knowledge is null
            ? ApiResults.NotFound("Knowledge", id)
            : ApiResults.Json(KnowledgeResponse.From(knowledge), KnowledgeJsonContext.Default.KnowledgeResponse);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, KnowledgeStore store)
    {
        var caller = context.Caller();
        var knowledge = await store.FindAsync(caller.TeamspaceId, id, context.RequestAborted).ConfigureAwait(false);
        if (knowledge is null)
        {
            return ApiResults.NotFound("Knowledge", id);
        }

        var update = await KnowledgeForm.ReadUpdateAsync(context.Request).ConfigureAwait(false);
        if (update.Name is not null)
        {
            knowledge = await store.RenameAsync(caller.TeamspaceId, id, update.Name, context.RequestAborted).ConfigureAwait(false);
        }

        return knowledge is null
            ? ApiResults.NotFound("Knowledge", id)
            : ApiResults.Json(KnowledgeResponse.From(knowledge), KnowledgeJsonContext.Default.KnowledgeResponse);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, KnowledgeService knowledge)
        => await knowledge.DeleteAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiResults.NotFound("Knowledge", id);
}
