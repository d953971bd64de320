namespace Parley.Agents.Providers;

/// <summary>Checks <see cref="AgentModelOptions"/> at start-up, so a typo stops the server instead of failing a call.</summary>
internal static class AgentModelOptionsValidator
{
    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that is wrong.</summary>
    public static void Validate(AgentModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Providers.Count; i++)
        {
            var provider = options.Providers[i];
            var at = $"{AgentModelOptions.SectionName}:Providers:{i}";
            if (string.IsNullOrWhiteSpace(provider.Name) || provider.Name.Contains('/', StringComparison.Ordinal))
            {
                throw Invalid($"{at}:Name must be set and hold no '/' (got '{provider.Name}').");
            }

            if (ModelResolver.IsEmbedded(provider.Name) || !names.Add(provider.Name))
            {
                throw Invalid($"{at}:Name '{provider.Name}' is taken; each provider needs its own name, other than '{AgentModelOptions.Embedded}'.");
            }

            at = $"{at} ('{provider.Name}')";
            if (provider.Type is not (ChatProviderTypes.OpenAI or ChatProviderTypes.Ollama))
            {
                throw Invalid($"{at}: Type '{provider.Type}' is unknown; use '{ChatProviderTypes.OpenAI}' or '{ChatProviderTypes.Ollama}'.");
            }

            if (!Uri.TryCreate(provider.BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw Invalid($"{at}: BaseUrl '{provider.BaseUrl}' is not an absolute http or https URL.");
            }

            if (provider.Models.Any(string.IsNullOrWhiteSpace))
            {
                throw Invalid($"{at}: Models holds an empty model id.");
            }

            if (provider.RequestTimeout <= TimeSpan.Zero || provider.StallTimeout <= TimeSpan.Zero)
            {
                throw Invalid($"{at}: RequestTimeout and StallTimeout must be positive.");
            }

            if (provider.MaxRetries < 0 || provider.ContextLength <= 0)
            {
                throw Invalid($"{at}: MaxRetries must not be negative, nor ContextLength below 1.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.DefaultModel) || new ModelResolver(options).TryResolveDefault() is null)
        {
            throw Invalid(
                $"{AgentModelOptions.SectionName}:DefaultModel '{options.DefaultModel}' names nothing served: use '{AgentModelOptions.Embedded}', " +
                "'provider/model', a provider with a DefaultModel or Models, or a model a provider lists.");
        }
    }

    private static InvalidOperationException Invalid(string message) => new($"Invalid language model configuration: {message}");
}
