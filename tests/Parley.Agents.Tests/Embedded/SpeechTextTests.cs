using Parley.Agents.Embedded;

namespace Parley.Agents.Tests.Embedded;

public sealed class SpeechTextTests
{
    [Theory]
    [InlineData("**Bold** and _italic_ and `code`", "Bold and italic and code.")]
    [InlineData("# Heading", "Heading.")]
    [InlineData("- a bullet point", "a bullet point.")]
    [InlineData("See [the guide](https://example.com/guide) for more.", "See the guide for more.")]
    [InlineData("Visit https://example.com/x?y=1 or www.example.org today.", "Visit or today.")]
    [InlineData("snake_case_names stay", "snake_case_names stay.")]
    [InlineData("Is it open?", "Is it open?")]
    [InlineData("  ** ", "")]
    public void Cleans_text_for_a_voice(string text, string spoken) => Assert.Equal(spoken, SpeechText.Clean(text));
}
