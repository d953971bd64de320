using Parley.Server;

var app = ParleyApp.Build(args);
var keyNotice = await ParleyApp.BootstrapAsync(app);
await app.StartAsync();

var urls = string.Join(", ", app.Urls);
Console.WriteLine($"""

    Parley is listening on {urls}
      voice WebSocket: {app.Urls.First().Replace("http", "ws", StringComparison.Ordinal)}/ws/voice?token=API_KEY
      health:          {app.Urls.First()}/healthz
      {keyNotice}

    """);

await app.WaitForShutdownAsync();
