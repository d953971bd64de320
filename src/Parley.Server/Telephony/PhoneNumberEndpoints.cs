using Parley.Server.Api;
using Parley.Storage.Agents;
using Parley.Storage.Secrets;
using Parley.Storage.Telephony;

namespace Parley.Server.Telephony;

/// <summary><c>/v1/phone-numbers</c>: a teamspace's numbers, each mapped to the agent that answers it, its greeting, and whether calls are recorded.</summary>
internal static class PhoneNumberEndpoints
{
    public static void MapPhoneNumbers(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/phone-numbers").WithTags("Phone numbers");
        group.MapPost("/", CreateAsync).Produces<PhoneNumberResponse>(StatusCodes.Status201Created);
        group.MapGet("/", ListAsync).Produces<ListResponse<PhoneNumberResponse>>();
        group.MapGet("/{id}", RetrieveAsync).Produces<PhoneNumberResponse>();
        group.MapPatch("/{id}", UpdateAsync).Produces<PhoneNumberResponse>();
        group.MapDelete("/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PhoneNumberStore numbers, AgentStore agents, SecretStore secrets)
    {
        var caller = context.Caller();
        using var body = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false) ?? throw ApiException.BadRequest("The request body is empty.");
        var empty = new PhoneNumberRecord { Id = string.Empty, TeamspaceId = caller.TeamspaceId, Number = string.Empty, Carrier = string.Empty, AccountId = string.Empty, CredentialSecret = string.Empty };
        var number = PhoneNumberChanges.Apply(body.RootElement, empty, creating: true);
        await PhoneNumberChanges.CheckReferencesAsync(number, agents, secrets, context.RequestAborted).ConfigureAwait(false);
        var created = await numbers.CreateAsync(number, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiException(new ApiError(StatusCodes.Status409Conflict, ApiErrorCodes.Conflict, $"The number {number.Number} is already taken.", false));
        return ApiResults.Json(PhoneNumberResponse.From(created), TelephonyJsonContext.Default.PhoneNumberResponse, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, PhoneNumberStore numbers)
    {
        var page = PageQuery.Read(context.Request);
        var rows = await numbers.ListAsync(context.Caller().TeamspaceId, Pages.Probe(page), context.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(Pages.From(rows, page, PhoneNumberResponse.From), TelephonyJsonContext.Default.ListResponsePhoneNumberResponse);
    }

    private static async Task<IResult> RetrieveAsync(string id, HttpContext context, PhoneNumberStore numbers)
        => await numbers.FindAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false) is { } number
            ? ApiResults.Json(PhoneNumberResponse.From(number), TelephonyJsonContext.Default.PhoneNumberResponse)
            : ApiResults.NotFound("Phone number", id);

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, PhoneNumberStore numbers, AgentStore agents, SecretStore secrets)
    {
        var caller = context.Caller();
        using var body = await JsonBody.ReadDocumentAsync(context.Request).ConfigureAwait(false) ?? throw ApiException.BadRequest("The request body is empty.");
        var current = await numbers.FindAsync(caller.TeamspaceId, id, context.RequestAborted).ConfigureAwait(false);
        if (current is null)
        {
            return ApiResults.NotFound("Phone number", id);
        }

        // Checked on the body laid over the number as it is now; the write applies the same body to the number as it is then.
        var root = body.RootElement.Clone();
        await PhoneNumberChanges.CheckReferencesAsync(PhoneNumberChanges.Apply(root, current, creating: false), agents, secrets, context.RequestAborted).ConfigureAwait(false);
        var updated = await numbers.UpdateAsync(caller.TeamspaceId, id, n => PhoneNumberChanges.Apply(root, n, creating: false), context.RequestAborted).ConfigureAwait(false);
        return updated is null
            ? ApiResults.NotFound("Phone number", id)
            : ApiResults.Json(PhoneNumberResponse.From(updated), TelephonyJsonContext.Default.PhoneNumberResponse);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, PhoneNumberStore numbers)
        => await numbers.DeleteAsync(context.Caller().TeamspaceId, id, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiResults.NotFound("Phone number", id);
}
