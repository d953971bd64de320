namespace Parley.Agents.Providers;

/// <summary>The wire APIs a <see cref="ChatProviderOptions.Type"/> may name.</summary>
public static class ChatProviderTypes
{
    /// <summary>OpenAI chat completions: OpenAI, Azure OpenAI (v1), vLLM, llama.cpp server, LM Studio, Ollama's <c>/v1</c>.</summary>
    public const string OpenAI = "openai";

    /// <summary>Ollama's native <c>/api/chat</c>.</summary>
    public const string Ollama = "ollama";
}
