using Parley.Server;
using Parley.Server.Keys;

if (args.Length > 0 && args[0] == KeysCommand.Name)
{
    var tool = ParleyApp.Build([]);
    return await KeysCommand.RunAsync(tool.Services, args[1..], Console.Out);
}

var app = ParleyApp.Build(args);
var keyNotice = await ParleyApp.BootstrapAsync(app);
await app.StartAsync();

var url = app.Urls.First();
Console.WriteLine($"""

    Parley is listening on {string.Join(", ", app.Urls)}
      voice WebSocket: {url.Replace("http", "ws", StringComparison.Ordinal)}/ws/voice?token=API_KEY
      REST API:        {url}/v1   (browse it at {url}/docs)
      health:          {url}/healthz
      {keyNotice}

    """);

await app.WaitForShutdownAsync();
return 0;
