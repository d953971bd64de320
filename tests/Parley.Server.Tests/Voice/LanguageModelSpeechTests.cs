using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Voice;

/// <summary>With a language model behind the agent, speech starts with the first sentence, before the reply is complete.</summary>
public sealed class LanguageModelSpeechTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _firstAudioHeard = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _model;
    private ConfiguredServerFixture? _server;

    public async Task InitializeAsync()
    {
        // A chat-completions server on loopback that streams one sentence, then holds the rest until the test allows it.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _model = builder.Build();
        _model.MapPost("/v1/chat/completions", async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await WriteChunkAsync(context.Response, "The first sentence is spoken at once. ");
            await _firstAudioHeard.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await WriteChunkAsync(context.Response, "The second one follows later.");
            await context.Response.WriteAsync("data: [DONE]\n\n");
        });
        await _model.StartAsync();
        var modelUrl = _model.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _server = new ConfiguredServerFixture(
        [
            "--Parley:Agents:DefaultModel", "local/test-model",
            "--Parley:Agents:Providers:0:Name", "local",
            "--Parley:Agents:Providers:0:Type", "openai",
            "--Parley:Agents:Providers:0:BaseUrl", $"{modelUrl}/v1",
        ]);
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        _firstAudioHeard.TrySetResult();
        await _server!.DisposeAsync();
        await _model!.DisposeAsync();
    }

    [Fact]
    public async Task The_first_sentence_is_heard_while_the_model_is_still_writing_the_second()
    {
        await using var client = await VoiceTestClient.ConnectAsync(_server!.VoiceUri());
        await client.SendAsync(new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } }));
        await client.WaitForAsync<ReadyMessage>();
        await client.SendAsync(new TextMessage(new TextPayload { Text = "tell me two things" }));

        var first = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "the first sentence");
        Assert.Equal("The first sentence is spoken at once.", ((TranscriptMessage)first.Message).Payload.Text);
        await client.WaitForAsync<AudioMessage>(); // the model has not written the second sentence yet
        _firstAudioHeard.SetResult();

        var second = await client.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent }, what: "the second sentence");
        Assert.Equal("The second one follows later.", ((TranscriptMessage)second.Message).Payload.Text);
        await client.WaitForAgentToFinishAsync();
        await client.SendAsync(StopMessage.Instance);
        var ended = (EndedMessage)(await client.WaitForAsync<EndedMessage>()).Message;
        Assert.Equal("The first sentence is spoken at once. The second one follows later.", ended.Payload.Transcript[^1].Text);
    }

    private static async Task WriteChunkAsync(HttpResponse response, string text)
    {
        var json = $$"""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"test-model","choices":[{"index":0,"delta":{"role":"assistant","content":{{System.Text.Json.JsonSerializer.Serialize(text)}}},"finish_reason":null}]}""";
        await response.WriteAsync($"data: {json}\n\n", Encoding.UTF8);
        await response.Body.FlushAsync();
    }
}
