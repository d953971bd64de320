namespace Parley.Engines.SpeechToText;

/// <summary>Builds the decoder's command-line arguments from <see cref="PocketSphinxOptions"/>.</summary>
internal static class PocketSphinxArguments
{
    /// <summary>Returns name, value pairs: the model paths and fast finalisation, overridden by the extra arguments.</summary>
    public static IReadOnlyList<string> Build(PocketSphinxOptions options)
    {
        var directory = options.ModelDirectory;
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("-hmm", RequireExisting(Path.Combine(directory, "en-us"), isDirectory: true)),
            new("-lm", RequireExisting(Path.Combine(directory, "en-us.lm.bin"), isDirectory: false)),
            new("-dict", RequireExisting(Path.Combine(directory, "cmudict-en-us.dict"), isDirectory: false)),

            // Skipping the second and third passes makes ps_end_utt take ~3 ms instead of 35-200 ms, with equal or
            // better accuracy on the project's samples (see ENGINES.md).
            new("-fwdflat", "no"),
            new("-bestpath", "no"),

            // At most 3,000 HMMs and 10 distinct word exits per frame (defaults 30,000 and unlimited): 31-40 % less
            // CPU with the same words on every clip the tests and benchmarks speak; tighter limits change words.
            new("-maxhmmpf", "3000"),
            new("-maxwpf", "10"),
        };

        var extra = options.ExtraArguments;
        if (extra.Count % 2 != 0)
        {
            throw new ArgumentException("ExtraArguments must be name, value pairs.", nameof(options));
        }

        for (var i = 0; i < extra.Count; i += 2)
        {
            var name = extra[i];
            if (!name.StartsWith('-'))
            {
                throw new ArgumentException($"ExtraArguments: '{name}' is not an argument name (they start with '-').", nameof(options));
            }

            if (name == "-logfn")
            {
                throw new ArgumentException("ExtraArguments: -logfn is not allowed; the log is process-wide and already silenced.", nameof(options));
            }

            // Parsed strictly, a repeated name is an error, so an override replaces the default in place.
            var index = pairs.FindIndex(pair => pair.Key == name);
            var pair = new KeyValuePair<string, string>(name, extra[i + 1]);
            if (index >= 0)
            {
                pairs[index] = pair;
            }
            else
            {
                pairs.Add(pair);
            }
        }

        UsePrunedDictionary(pairs, directory);
        return pairs.SelectMany(pair => new[] { pair.Key, pair.Value }).ToArray();
    }

    // The dictionary setup pruned to the language model's words (-12.5 MiB per decoder, a faster build, the same words),
    // unless the arguments name another dictionary or language model than the one it was pruned from.
    private static void UsePrunedDictionary(List<KeyValuePair<string, string>> pairs, string modelDirectory)
    {
        var dictionary = pairs.FindIndex(pair => pair.Key == "-dict");
        var languageModel = pairs.Find(pair => pair.Key == "-lm").Value;
        if (languageModel is null || pairs[dictionary].Value != Path.Combine(modelDirectory, "cmudict-en-us.dict"))
        {
            return;
        }

        if (PocketSphinxSetupFiles.FindPrunedDictionary(languageModel, pairs[dictionary].Value) is { } pruned)
        {
            pairs[dictionary] = new("-dict", pruned);
        }
    }

    private static string RequireExisting(string path, bool isDirectory)
    {
        if (isDirectory ? Directory.Exists(path) : File.Exists(path))
        {
            return path;
        }

        throw new FileNotFoundException(
            $"PocketSphinx model file '{path}' is missing; install the Debian package pocketsphinx-en-us or set ModelDirectory.",
            path);
    }
}
