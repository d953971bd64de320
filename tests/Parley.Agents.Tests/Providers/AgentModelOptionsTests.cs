using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Agents.Embedded;
using Parley.Agents.Providers;

namespace Parley.Agents.Tests.Providers;

public sealed class AgentModelOptionsTests
{
    [Fact]
    public void BindsFromEnvironmentVariables()
    {
        // A prefix of its own keeps this test's variables away from every other test in the process.
        var prefix = $"PARLEY_TEST_{Guid.NewGuid():N}_";
        var variables = new Dictionary<string, string>
        {
            ["Parley__Agents__DefaultModel"] = "local/qwen2.5",
            ["Parley__Agents__Providers__0__Name"] = "local",
            ["Parley__Agents__Providers__0__Type"] = "openai",
            ["Parley__Agents__Providers__0__BaseUrl"] = "http://127.0.0.1:8000/v1",
            ["Parley__Agents__Providers__0__Models__0"] = "qwen2.5",
            ["Parley__Agents__Providers__0__StallTimeout"] = "00:00:05",
            ["Parley__Agents__Providers__1__Name"] = "ollama",
            ["Parley__Agents__Providers__1__Type"] = "ollama",
            ["Parley__Agents__Providers__1__BaseUrl"] = "http://127.0.0.1:11434",
            ["Parley__Agents__Providers__1__KeepAlive"] = "30m",
            ["Parley__Agents__Providers__1__ContextLength"] = "8192",
        };
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(prefix + name, value);
            }

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            var options = configuration.GetSection(AgentModelOptions.SectionName).Get<AgentModelOptions>()!;

            Assert.Equal("local/qwen2.5", options.DefaultModel);
            Assert.Equal(2, options.Providers.Count);
            Assert.Equal(["qwen2.5"], options.Providers[0].Models);
            Assert.Equal(TimeSpan.FromSeconds(5), options.Providers[0].StallTimeout);
            Assert.Equal(TimeSpan.FromSeconds(60), options.Providers[0].RequestTimeout);
            Assert.Equal("", options.Providers[0].ApiKey);
            Assert.Equal("30m", options.Providers[1].KeepAlive);
            Assert.Equal(8192, options.Providers[1].ContextLength);
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }

    [Fact]
    public void WithNothingConfiguredEveryAgentIsEmbedded()
    {
        using var provider = Services([]).BuildServiceProvider();

        var clients = provider.GetRequiredService<IAgentChatClients>();

        Assert.IsType<EmbeddedChatClient>(clients.Create(null));
        Assert.IsType<EmbeddedChatClient>(clients.Create("gemini-2.5-flash"));
    }

    [Theory]
    [InlineData("Type", "gemini", "Type 'gemini' is unknown")]
    [InlineData("BaseUrl", "localhost:8000", "BaseUrl 'localhost:8000' is not an absolute http or https URL")]
    [InlineData("BaseUrl", "ftp://models.example/v1", "is not an absolute http or https URL")]
    [InlineData("Name", "a/b", "Name must be set and hold no '/'")]
    [InlineData("Name", "embedded", "Name 'embedded' is taken")]
    [InlineData("StallTimeout", "00:00:00", "must be positive")]
    public void ABadSettingStopsTheStartWithAClearMessage(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Agents:Providers:0:Name"] = "local",
            ["Parley:Agents:Providers:0:Type"] = "openai",
            ["Parley:Agents:Providers:0:BaseUrl"] = "http://127.0.0.1:8000/v1",
            [$"Parley:Agents:Providers:0:{key}"] = value,
        };

        var error = Assert.Throws<InvalidOperationException>(() => Services(settings));

        Assert.Contains("Parley:Agents:Providers:0", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADefaultModelThatNamesNothingStopsTheStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Services(new() { ["Parley:Agents:DefaultModel"] = "gpt-4o" }));

        Assert.Contains("DefaultModel 'gpt-4o' names nothing served", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvesEachAgentsModelAndLogsAFallbackOncePerModel()
    {
        var logger = new RecordingLogger();
        using var clients = new ConfiguredChatClients(
            new AgentModelOptions
            {
                DefaultModel = "local/qwen2.5",
                Providers = [new ChatProviderOptions { Name = "local", Type = "openai", BaseUrl = "http://127.0.0.1:9/v1", Models = ["qwen2.5"] }],
            },
            TimeProvider.System,
            logger);

        Assert.IsType<EmbeddedChatClient>(clients.Create("embedded"));
        Assert.IsType<VoiceChatClient>(clients.Create("local/qwen2.5"));
        Assert.IsType<VoiceChatClient>(clients.Create(null));
        Assert.IsType<VoiceChatClient>(clients.Create("gemini-2.5-flash"));
        clients.Create("gemini-2.5-flash");
        clients.Create("gpt-4o");

        Assert.Equal(2, logger.Lines.Count);
        Assert.Contains("'gemini-2.5-flash'", logger.Lines[0], StringComparison.Ordinal);
        Assert.Contains("local/qwen2.5", logger.Lines[0], StringComparison.Ordinal);
        Assert.Contains("'gpt-4o'", logger.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TheProviderOptionsNeverPrintTheKey()
    {
        var options = new ChatProviderOptions { Name = "openai", Type = "openai", BaseUrl = "https://api.openai.com/v1", ApiKey = "sk-secret" };

        Assert.DoesNotContain("sk-secret", options.ToString(), StringComparison.Ordinal);
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddParleyAgentModels(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }

    private sealed class RecordingLogger : ILogger<ConfiguredChatClients>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Assert.Equal(LogLevel.Information, logLevel);
            Lines.Add(formatter(state, exception));
        }
    }
}
