using Parley.Cli;

return await ParleyCli.RunAsync(args, CliContext.FromProcess());
