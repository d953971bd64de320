namespace Parley.Server.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and a page to browse it at <c>/docs</c>, both served offline.</summary>
internal static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    public static void AddParleyOpenApi(this IServiceCollection services)
        => services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Parley";
            document.Info.Description = "Self-hosted voice agent server speaking the Datagrid Voice API. Authenticate with 'Authorization: Bearer API_KEY'.";
            return Task.CompletedTask;
        }));

    public static void MapParleyOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.SwaggerEndpoint(DocumentPath, "Parley v1");
            ui.DocumentTitle = "Parley API";
        });
    }
}
