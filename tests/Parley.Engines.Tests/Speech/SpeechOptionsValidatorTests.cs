using Parley.Engines.Speech;

namespace Parley.Engines.Tests.Speech;

public sealed class SpeechOptionsValidatorTests
{
    [Fact]
    public void The_embedded_defaults_are_valid() => Assert.Empty(SpeechOptionsValidator.Problems(new SpeechOptions()));

    [Fact]
    public void Each_problem_names_its_setting()
    {
        var problems = SpeechOptionsValidator.Problems(new SpeechOptions
        {
            DefaultRecognizer = "elevenlabs",
            DefaultSynthesizer = "nobody",
            Providers =
            [
                new SpeechProviderOptions { Name = "elevenlabs", Type = "elevenlabs" },
                new SpeechProviderOptions { Name = "flite", Type = "openai", BaseUrl = new Uri("ftp://example.org") },
                new SpeechProviderOptions { Name = "x", Type = "whisper", RequestTimeout = TimeSpan.Zero },
            ],
        });
        Assert.Contains(problems, p => p.StartsWith("Parley:Speech:Providers:0:Voices", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Parley:Speech:Providers:1:Name 'flite' is used twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Parley:Speech:Providers:1:BaseUrl", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Parley:Speech:Providers:2:Type 'whisper' is unknown", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Parley:Speech:Providers:2: RequestTimeout", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Parley:Speech:DefaultRecognizer 'elevenlabs' names a provider of type elevenlabs", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Parley:Speech:DefaultSynthesizer 'nobody' names no provider", StringComparison.Ordinal));
    }
}
