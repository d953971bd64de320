using Parley.Agents.Providers;

namespace Parley.Agents.Tests.Providers;

public sealed class ModelResolverTests
{
    private static readonly ChatProviderOptions Local = new()
    {
        Name = "local",
        Type = ChatProviderTypes.OpenAI,
        BaseUrl = "http://127.0.0.1:8000/v1",
        Models = ["qwen2.5", "meta-llama/Llama-3.1-8B-Instruct"],
    };

    private static readonly ChatProviderOptions Ollama = new()
    {
        Name = "ollama",
        Type = ChatProviderTypes.Ollama,
        BaseUrl = "http://127.0.0.1:11434",
        Models = ["llama3.2"],
        DefaultModel = "llama3.2",
    };

    [Theory]
    [InlineData("embedded")]
    [InlineData("parley-embedded")]
    [InlineData("Parley-Embedded")]
    [InlineData(null)]
    [InlineData("")]
    public void EmbeddedNamesAndNoneGoToTheEmbeddedAgentByDefault(string? llmModel)
    {
        var route = Resolver().Resolve(llmModel);

        Assert.Null(route.Provider);
        Assert.Equal("parley-embedded", route.Model);
        Assert.False(route.IsFallback);
    }

    [Theory]
    [InlineData("ollama/llama3.2", "ollama", "llama3.2")]
    [InlineData("local/qwen2.5", "local", "qwen2.5")]
    [InlineData("local/a-model-it-does-not-list", "local", "a-model-it-does-not-list")]
    [InlineData("ollama", "ollama", "llama3.2")]
    [InlineData("local/", "local", "qwen2.5")]
    public void ProviderSlashModelNamesTheProviderAndModel(string llmModel, string provider, string model)
    {
        var route = Resolver().Resolve(llmModel);

        Assert.Equal(provider, route.Provider?.Name);
        Assert.Equal(model, route.Model);
        Assert.False(route.IsFallback);
    }

    [Theory]
    [InlineData("qwen2.5", "local", "qwen2.5")]
    [InlineData("LLAMA3.2", "ollama", "llama3.2")]
    [InlineData("meta-llama/Llama-3.1-8B-Instruct", "local", "meta-llama/Llama-3.1-8B-Instruct")]
    public void ABareModelGoesToTheProviderThatListsIt(string llmModel, string provider, string model)
    {
        var route = Resolver().Resolve(llmModel);

        Assert.Equal(provider, route.Provider?.Name);
        Assert.Equal(model, route.Model);
    }

    [Theory]
    [InlineData("gemini-2.5-flash")]
    [InlineData("openai/gpt-4o")]
    public void AnythingElseFallsBackToTheServerDefault(string llmModel)
    {
        var toEmbedded = Resolver().Resolve(llmModel);
        var toOllama = Resolver("ollama/llama3.2").Resolve(llmModel);

        Assert.Null(toEmbedded.Provider);
        Assert.True(toEmbedded.IsFallback);
        Assert.Equal("ollama", toOllama.Provider?.Name);
        Assert.Equal("llama3.2", toOllama.Model);
        Assert.True(toOllama.IsFallback);
    }

    [Fact]
    public void AnAgentThatNamesNoModelGetsAConfiguredDefault()
    {
        var route = Resolver("local").Resolve(null);

        Assert.Equal("local", route.Provider?.Name);
        Assert.Equal("qwen2.5", route.Model);
        Assert.False(route.IsFallback);
    }

    private static ModelResolver Resolver(string defaultModel = "embedded") =>
        new(new AgentModelOptions { DefaultModel = defaultModel, Providers = [Local, Ollama] });
}
