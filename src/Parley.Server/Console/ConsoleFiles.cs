using Microsoft.Extensions.FileProviders;

namespace Parley.Server.VoiceConsole;

/// <summary>The console's files, embedded in the server assembly from <c>Console/wwwroot</c> so every build and publish carries them.</summary>
internal static class ConsoleFiles
{
    /// <summary>The resource-name prefix the project file gives the embedded files (see <c>Parley.Server.csproj</c>).</summary>
    public const string ResourcePrefix = "Parley.Server.Console.wwwroot";

    public static IFileProvider Create() => new EmbeddedFileProvider(typeof(ConsoleFiles).Assembly, ResourcePrefix);
}
