using System.CommandLine;
using Parley.Cli.Common;
using Parley.Server;

namespace Parley.Cli.Serve;

/// <summary><c>parley serve</c>: runs the server in this process until Ctrl+C, exactly as the server binary does.</summary>
internal static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls") { Description = "Where to listen (default: ASPNETCORE_URLS, then http://localhost:8080)" };
    private static readonly Option<string?> DataDir = new("--data-dir") { Description = "Folder of the database and files (default: PARLEY_DATA_DIR, then ./data)" };
    private static readonly Option<string?> ModelsDir = new("--models-dir") { Description = "Folder holding silero_vad_v5.onnx (default: PARLEY_MODELS_DIR, then .models found upwards)" };

    public static Command Create(CliContext context)
    {
        // Anything else is passed on as ASP.NET Core configuration, e.g. --Parley:Sessions:MaxSessionsPerKey 8.
        var command = new Command("serve", "Run the Parley server (Ctrl+C stops it, draining live sessions)") { Urls, DataDir, ModelsDir };
        command.TreatUnmatchedTokensAsErrors = false;
        return command.WithAction(context, (scope, cancellationToken) => ParleyServerHost.RunAsync(Arguments(scope), cancellationToken));
    }

    private static string[] Arguments(CommandScope scope)
    {
        var args = new List<string>();
        Add(args, "--urls", scope.Value(Urls));
        Add(args, "--PARLEY_DATA_DIR", scope.Value(DataDir));
        Add(args, "--PARLEY_MODELS_DIR", scope.Value(ModelsDir));

        // --api-key sets the bootstrap key, as PARLEY_API_KEY does.
        Add(args, "--PARLEY_API_KEY", scope.Value(GlobalOptions.ApiKey));
        args.AddRange(scope.Parse.UnmatchedTokens);
        return [.. args];
    }

    private static void Add(List<string> args, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            args.Add(name);
            args.Add(value);
        }
    }
}
