using Parley.Server;

return await ParleyServerHost.RunAsync(args);
