using Parley.Engines.Models;

namespace Parley.Engines.SpeechToText;

/// <summary>What <c>scripts/setup.sh</c> builds for PocketSphinx into the models folder: the helper and the pruned dictionary.</summary>
internal static class PocketSphinxSetupFiles
{
    /// <summary>The forked mode's helper program, relative to the models folder.</summary>
    public const string Helper = "pocketsphinx/parley-pocketsphinx-helper";

    /// <summary>The dictionary pruned to the language model's words, relative to the models folder.</summary>
    public const string PrunedDictionary = "pocketsphinx/cmudict-en-us.pruned.dict";

    /// <summary>Beside the pruned dictionary: the language model and dictionary it was made from, one path per line.</summary>
    public const string PrunedDictionarySource = PrunedDictionary + ".source";

    /// <summary>The helper program, or a clear error saying how to build it.</summary>
    /// <exception cref="PocketSphinxHelperUnavailableException">Setup has not built it.</exception>
    public static string FindHelper(PocketSphinxOptions options)
    {
        var path = options.HelperPath ?? ModelLocator.TryFind(Helper);
        if (path is not null && File.Exists(path))
        {
            return path;
        }

        throw new PocketSphinxHelperUnavailableException(
            $"PocketSphinx's forked mode needs its helper '{options.HelperPath ?? Helper}' (looked in PARLEY_MODELS_DIR and in '.models' folders above the working directory): " +
            "run scripts/setup.sh to build it, or set Parley:Engines:PocketSphinx:Mode to InProcess.");
    }

    /// <summary>The pruned dictionary when setup made one from exactly this language model and dictionary; otherwise null.</summary>
    /// <remarks>A dictionary pruned for another language model would silently lose words, so the source must match.</remarks>
    public static string? FindPrunedDictionary(string languageModel, string dictionary)
    {
        var pruned = ModelLocator.TryFind(PrunedDictionary);
        if (pruned is null || !File.Exists(pruned + ".source"))
        {
            return null;
        }

        var source = File.ReadAllLines(pruned + ".source");
        return source.Length == 2
            && source[0] == Path.GetFullPath(languageModel)
            && source[1] == Path.GetFullPath(dictionary)
                ? pruned
                : null;
    }
}
