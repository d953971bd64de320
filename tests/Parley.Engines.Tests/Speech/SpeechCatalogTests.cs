using Parley.Engines.Speech;

namespace Parley.Engines.Tests.Speech;

public sealed class SpeechCatalogTests
{
    private static readonly FakeRecognizer Local = new("local");
    private static readonly FakeRecognizer Groq = new("groq", interim: false);
    private static readonly FakeSynthesizer Flite = new("flite");
    private static readonly FakeSynthesizer OpenAI = new("openai");

    private static readonly SpeechCatalog Catalog = new(
        [new RecognizerEntry("pocketsphinx", Local, []), new RecognizerEntry("groq", Groq, ["whisper-large-v3", "distil-whisper"], "whisper-large-v3")],
        "pocketsphinx",
        [new SynthesizerEntry("flite", Flite), new SynthesizerEntry("openai", OpenAI, "tts-1")],
        "openai",
        new VoicePresets(new Dictionary<string, string> { ["sage"] = "openai/openai-voice", ["robot"] = "flite-voice" }));

    [Theory]
    [InlineData(null, "local", null)]
    [InlineData("groq", "groq", "whisper-large-v3")]
    [InlineData("groq/whisper-tiny", "groq", "whisper-tiny")]
    [InlineData("distil-whisper", "groq", "distil-whisper")]
    [InlineData("gemini-live", "local", null)]
    public void Stt_model_picks_the_recogniser_as_llm_model_picks_the_model(string? sttModel, string engine, string? model)
    {
        var route = Catalog.ResolveRecognizer(sttModel);
        Assert.Equal(engine, route.Recognizer.Name);
        Assert.Equal(model, route.Model);
    }

    [Theory]
    [InlineData(null, "openai", "openai-voice")]
    [InlineData("openai/openai-voice", "openai", "openai-voice")]
    [InlineData("flite/flite-voice", "flite", "flite-voice")]
    [InlineData("flite-voice", "flite", "flite-voice")]
    [InlineData("SAGE", "openai", "openai-voice")]
    [InlineData("robot", "flite", "flite-voice")]
    public void Voice_preset_names_a_voice_a_provider_voice_or_a_preset(string? preset, string engine, string voice)
    {
        var route = Catalog.ResolveVoice(preset)!;
        Assert.Equal(engine, route.Synthesizer.Name);
        Assert.Equal(voice, route.Voice);
    }

    [Theory]
    [InlineData("nebula")]
    [InlineData("openai/flite-voice")]
    [InlineData("nobody/openai-voice")]
    public void An_unknown_voice_is_refused(string preset) => Assert.Null(Catalog.ResolveVoice(preset));

    [Fact]
    public void Every_name_it_lists_resolves()
    {
        Assert.Contains("sage", Catalog.VoiceNames);
        Assert.Contains("flite/flite-voice", Catalog.VoiceNames);
        Assert.All(Catalog.VoiceNames, name => Assert.NotNull(Catalog.ResolveVoice(name)));
    }
}
