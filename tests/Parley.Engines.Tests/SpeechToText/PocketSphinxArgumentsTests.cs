using Parley.Engines.SpeechToText;

namespace Parley.Engines.Tests.SpeechToText;

public sealed class PocketSphinxArgumentsTests
{
    private const string DebianModel = PocketSphinxOptions.DefaultModelDirectory;

    [Fact]
    public void The_search_is_bounded_by_default_and_extra_arguments_override_it()
    {
        var defaults = Pairs(new PocketSphinxOptions());
        Assert.Equal("3000", defaults["-maxhmmpf"]);
        Assert.Equal("10", defaults["-maxwpf"]);

        var overridden = Pairs(new PocketSphinxOptions { ExtraArguments = ["-maxhmmpf", "30000"] });
        Assert.Equal("30000", overridden["-maxhmmpf"]);
    }

    [Fact]
    public void The_dictionary_setup_pruned_is_used_for_the_model_it_was_pruned_from()
    {
        // scripts/setup.sh writes it; the tests run after setup.
        var dictionary = Pairs(new PocketSphinxOptions())["-dict"];

        Assert.EndsWith("pocketsphinx/cmudict-en-us.pruned.dict", dictionary);
        Assert.Equal([Path.Combine(DebianModel, "en-us.lm.bin"), Path.Combine(DebianModel, "cmudict-en-us.dict")], File.ReadAllLines(dictionary + ".source"));
    }

    [Fact]
    public void The_whole_dictionary_is_used_with_another_language_model_or_another_dictionary()
    {
        var otherModel = Directory.CreateTempSubdirectory("parley-model-");
        try
        {
            foreach (var name in (string[])["en-us", "en-us.lm.bin", "cmudict-en-us.dict"])
            {
                File.CreateSymbolicLink(Path.Combine(otherModel.FullName, name), Path.Combine(DebianModel, name));
            }

            Assert.Equal(Path.Combine(otherModel.FullName, "cmudict-en-us.dict"), Pairs(new PocketSphinxOptions { ModelDirectory = otherModel.FullName })["-dict"]);
            Assert.Equal(
                Path.Combine(DebianModel, "cmudict-en-us.dict"),
                Pairs(new PocketSphinxOptions { ExtraArguments = ["-lm", Path.Combine(otherModel.FullName, "en-us.lm.bin")] })["-dict"]);
            Assert.Equal("/tmp/mine.dict", Pairs(new PocketSphinxOptions { ExtraArguments = ["-dict", "/tmp/mine.dict"] })["-dict"]);
        }
        finally
        {
            otherModel.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Pairs(PocketSphinxOptions options)
    {
        var arguments = PocketSphinxArguments.Build(options);
        return Enumerable.Range(0, arguments.Count / 2).ToDictionary(i => arguments[2 * i], i => arguments[(2 * i) + 1]);
    }
}
