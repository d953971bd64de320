namespace Parley.Engines.Speech;

/// <summary>Checks <see cref="SpeechOptions"/> at start-up; every message names the setting that is wrong.</summary>
public static class SpeechOptionsValidator
{
    /// <summary>What is wrong, or nothing.</summary>
    public static IReadOnlyList<string> Problems(SpeechOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { SpeechOptions.EmbeddedRecognizer, SpeechOptions.EmbeddedSynthesizer };
        for (var i = 0; i < options.Providers.Count; i++)
        {
            var provider = options.Providers[i];
            var at = $"Parley:Speech:Providers:{i}";
            if (string.IsNullOrWhiteSpace(provider.Name) || provider.Name.Contains('/', StringComparison.Ordinal))
            {
                problems.Add($"{at}:Name must be set, without '/'.");
            }
            else if (!names.Add(provider.Name))
            {
                problems.Add($"{at}:Name '{provider.Name}' is used twice (pocketsphinx and flite are taken).");
            }

            if (!SpeechProviderTypes.All.Contains(provider.Type, StringComparer.Ordinal))
            {
                problems.Add($"{at}:Type '{provider.Type}' is unknown; known: {string.Join(", ", SpeechProviderTypes.All)}.");
            }

            if (provider.BaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https" or "ws" or "wss")))
            {
                problems.Add($"{at}:BaseUrl '{url}' must be an absolute http(s) or ws(s) address.");
            }

            if (provider.RequestTimeout <= TimeSpan.Zero || provider.StallTimeout <= TimeSpan.Zero)
            {
                problems.Add($"{at}: RequestTimeout and StallTimeout must be positive.");
            }

            if (provider.Type == SpeechProviderTypes.ElevenLabs && provider.Voices.Count == 0)
            {
                problems.Add($"{at}:Voices must list at least one ElevenLabs voice id.");
            }
        }

        CheckDefault(options.DefaultRecognizer, "DefaultRecognizer", SpeechOptions.EmbeddedRecognizer, SpeechProviderTypes.Recognizes, options, problems);
        CheckDefault(options.DefaultSynthesizer, "DefaultSynthesizer", SpeechOptions.EmbeddedSynthesizer, SpeechProviderTypes.Synthesizes, options, problems);
        if (options.MaxRetries is < 0 or > 5)
        {
            problems.Add("Parley:Speech:MaxRetries must be 0 to 5.");
        }

        return problems;
    }

    private static void CheckDefault(string value, string setting, string embedded, Func<string, bool> can, SpeechOptions options, List<string> problems)
    {
        var name = value.Split('/', 2)[0];
        if (string.Equals(name, embedded, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var provider = options.Providers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (provider is null)
        {
            problems.Add($"Parley:Speech:{setting} '{value}' names no provider (nor {embedded}).");
        }
        else if (!can(provider.Type))
        {
            problems.Add($"Parley:Speech:{setting} '{value}' names a provider of type {provider.Type}, which cannot do that.");
        }
    }
}
