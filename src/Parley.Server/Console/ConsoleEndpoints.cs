using Microsoft.AspNetCore.StaticFiles;

namespace Parley.Server.VoiceConsole;

/// <summary>The browser voice console at <c>/</c>: static files embedded in the server, served without the API key.</summary>
/// <remarks>
/// The page holds no secret: it asks the person for an API key, keeps it in the browser and sends it to <c>/v1</c> as a
/// bearer token. The namespace is not <c>Parley.Server.Console</c> because that would hide <see cref="System.Console"/>
/// from every file under <c>Parley.Server</c>.
/// </remarks>
internal static class ConsoleEndpoints
{
    public static void MapConsole(this WebApplication app)
    {
        var files = ConsoleFiles.Create();
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = static context => ConsoleHeaders.Apply(context.Context),
        });
    }
}
