using Parley.Engines.Speech;

namespace Parley.Engines.Tests.Speech;

public sealed class VoicePresetsTests
{
    private static readonly string[] Flite = ["slt", "kal", "kal16", "rms", "awb"];

    [Theory]
    [InlineData("rms", "rms")]
    [InlineData("RMS", "rms")]
    [InlineData("sage", "slt")]
    [InlineData("Spark", "rms")]
    [InlineData("ember", "awb")]
    [InlineData("nebula", null)]
    public void A_name_resolves_to_an_installed_voice_directly_or_through_a_preset(string requested, string? expected)
        => Assert.Equal(expected, new VoicePresets().Resolve(requested, Flite));

    [Fact]
    public void Presets_onto_voices_that_are_not_installed_are_not_offered()
    {
        var presets = new VoicePresets(new Dictionary<string, string> { ["bright"] = "slt", ["deep"] = "missing" });
        Assert.Equal(["awb", "bright", "kal", "kal16", "rms", "slt"], presets.NamesFor(Flite));
        Assert.Null(presets.Resolve("deep", Flite));
        Assert.Null(presets.Resolve("sage", Flite)); // configured presets replace the defaults
    }
}
