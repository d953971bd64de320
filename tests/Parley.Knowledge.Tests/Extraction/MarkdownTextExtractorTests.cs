using System.Text.RegularExpressions;
using Parley.Knowledge.Extraction;

namespace Parley.Knowledge.Tests.Extraction;

public sealed class MarkdownTextExtractorTests
{
    [Fact]
    public void Syntax_goes_and_words_stay()
    {
        const string Markdown = """
            ---
            title: Handbook
            tags: [a, b]
            ---
            # Opening hours #

            We are open **Monday** to _Friday_, see [the calendar](https://example.com/cal "Calendar").
            ![A map of the office](map.png) Call `555-0100` or write to <mailto:desk@example.com>.

            > Quoted advice: ~~never~~ always ask.

            - First item
            * Second item
            1. Numbered item
            - [x] Done item

            | Day | Hours |
            |-----|:-----:|
            | Sat | 10-14 |

            ```csharp
            var x = 1;
            ```

            Setext heading
            ==============
            <div class="note">Inline <b>HTML</b> goes.</div>
            Escaped \*stars\* and snake_case_names stay.

            [cal]: https://example.com/cal
            """;

        var text = MarkdownTextExtractor.Strip(Markdown);

        Assert.DoesNotContain("title:", text, StringComparison.Ordinal);
        Assert.Contains("Opening hours", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#", text, StringComparison.Ordinal);
        Assert.Contains("We are open Monday to Friday, see the calendar.", text, StringComparison.Ordinal);
        Assert.Contains("A map of the office Call 555-0100 or write to mailto:desk@example.com.", text, StringComparison.Ordinal);
        Assert.Contains("Quoted advice: never always ask.", text, StringComparison.Ordinal);
        Assert.Contains("First item\nSecond item\nNumbered item\nDone item", text, StringComparison.Ordinal);
        Assert.Contains("Sat   10-14", text, StringComparison.Ordinal);
        Assert.DoesNotContain("---", text, StringComparison.Ordinal);
        Assert.Contains("var x = 1;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("```", text, StringComparison.Ordinal);
        Assert.Contains("Setext heading", text, StringComparison.Ordinal);
        Assert.DoesNotContain("===", text, StringComparison.Ordinal);
        Assert.Contains("Inline HTML goes.", text, StringComparison.Ordinal);
        Assert.Contains("Escaped *stars* and snake_case_names stay.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_become_paragraphs_of_their_own()
    {
        var text = MarkdownTextExtractor.Strip("Intro line.\n## Returns\nItems can be returned.");
        Assert.Matches(@"Intro line\.\n\s*\n\s*Returns\n\s*\n\s*Items can be returned\.", text);
    }

    [Fact]
    public void Every_rule_runs_on_the_linear_engine()
    {
        // A backtracking rule took 42 s on an 80 KB line of "*a *a *a", growing with the square of the line.
        Assert.All(MarkdownTextExtractor.Rules, rule => Assert.True(rule.Options.HasFlag(RegexOptions.NonBacktracking), rule.ToString()));
    }

    [Theory]
    [InlineData("*a ")]
    [InlineData("**a ")]
    [InlineData(" _a")]
    [InlineData("~~a ")]
    [InlineData("<http:a")]
    [InlineData("![a")]
    public void A_megabyte_line_of_unclosed_syntax_is_read_whole(string unit)
    {
        var line = string.Concat(Enumerable.Repeat(unit, 1024 * 1024 / unit.Length));
        var text = MarkdownTextExtractor.Strip(line);
        Assert.Equal(line.AsSpan().Count('a'), text.AsSpan().Count('a'));
    }

    [Fact]
    public void Emphasis_still_goes_and_words_with_underscores_or_stars_inside_stay()
    {
        var text = MarkdownTextExtractor.Strip("A *light* touch, a _soft_ one, **bold** and __strong__; snake_case_name and 2*3*4 stay.");
        Assert.Equal("A light touch, a soft one, bold and strong; snake_case_name and 2*3*4 stay.\n", text);
    }
}
