using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Knowledge.Extraction;

/// <summary>Markdown as plain prose: the syntax a listener should not hear is removed, the words are kept.</summary>
/// <remarks>
/// Light by design (no full CommonMark parse): headings become paragraphs of their own so chunks break at them;
/// links and images keep their text; emphasis, code marks, quotes, list markers, table rules, HTML tags and front
/// matter go; the content of code blocks stays, since it may be what a question is about.
/// Every rule runs in time linear in the line, on .NET's non-backtracking engine: an upload is hostile until read,
/// and the backtracking rules took 42 s on one 80 KB line of "*a *a *a" (quadratic: hours on a megabyte).
/// </remarks>
internal static class MarkdownTextExtractor
{
    private const char EscapeBase = '\uE000';
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    // The characters every inline rule below needs at least one of.
    private static readonly SearchValues<char> InlineMarks = SearchValues.Create("\\!*_~`<[");

    public static IReadOnlyList<ExtractedPage> Extract(Stream stream, ExtractionLimits limits, CancellationToken cancellationToken = default)
        => [new ExtractedPage(null, Strip(PlainTextExtractor.ReadAll(stream, limits, cancellationToken), cancellationToken))];

    public static string Strip(string markdown, CancellationToken cancellationToken = default)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var output = new StringBuilder(markdown.Length);
        var start = SkipFrontMatter(lines);
        var inFence = false;
        for (var i = start; i < lines.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = lines[i];
            if (Fence.IsMatch(line))
            {
                inFence = !inFence;
                output.Append('\n');
                continue;
            }

            if (inFence)
            {
                output.Append(line).Append('\n');
                continue;
            }

            if (Rule.IsMatch(line) || TableRule.IsMatch(line) || LinkDefinition.IsMatch(line))
            {
                // Also a setext heading's underline: the blank line makes the text above it a paragraph of its own.
                output.Append('\n');
                continue;
            }

            var heading = Heading.Match(line);
            if (heading.Success)
            {
                output.Append('\n').Append(Inline(heading.Groups["text"].Value)).Append("\n\n");
                continue;
            }

            line = Quote.Replace(line, string.Empty);
            line = ListMarker.Replace(line, string.Empty);
            if (line.Contains('|', StringComparison.Ordinal))
            {
                line = line.Trim().Trim('|').Replace("|", " ", StringComparison.Ordinal);
            }

            output.Append(Inline(line)).Append('\n');
        }

        return output.ToString();
    }

    private static int SkipFrontMatter(string[] lines)
    {
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return 0;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() is "---" or "...")
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static string Inline(string text)
    {
        // Most lines of prose hold no inline syntax at all: they need none of the rules below.
        if (!text.AsSpan().ContainsAny(InlineMarks))
        {
            return text;
        }

        // Escaped characters are hidden (as private-use characters) from the rules below, then restored as themselves.
        text = Escape.Replace(text, m => ((char)(EscapeBase + m.Groups["char"].Value[0])).ToString());
        text = Image.Replace(text, "${text}");
        text = Link.Replace(text, "${text}");
        text = AutoLink.Replace(text, "${url}");
        text = Html.Replace(text, string.Empty);
        text = Code.Replace(text, "${code}");
        text = StrongStars.Replace(text, "${text}");
        text = StrongUnderscores.Replace(text, "${text}");
        text = EmphasisStar.Replace(text, "${text}");
        text = EmphasisUnderscore.Replace(text, "${text}");
        text = Strike.Replace(text, "${text}");
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= EscapeBase and < (char)(EscapeBase + 128) ? (char)(c - EscapeBase) : c;
            }
        });
    }

    /// <summary>Every rule, so a test can hold each to the linear engine.</summary>
    internal static IEnumerable<Regex> Rules =>
    [
        Fence, Rule, TableRule, LinkDefinition, Heading, Quote, ListMarker, Image, Link, AutoLink, Html, Code,
        StrongStars, StrongUnderscores, EmphasisStar, EmphasisUnderscore, Strike, Escape,
    ];

    private static Regex Fence { get; } = new(@"^\s{0,3}(```|~~~)", Linear);

    private static Regex Rule { get; } = new(@"^\s{0,3}(-(\s*-){2,}|\*(\s*\*){2,}|_(\s*_){2,}|=(\s*=){2,})\s*$", Linear);

    private static Regex TableRule { get; } = new(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", Linear);

    private static Regex LinkDefinition { get; } = new(@"^\s{0,3}\[[^\]]+\]:\s+\S+", Linear);

    private static Regex Heading { get; } = new(@"^\s{0,3}#{1,6}\s+(?<text>.*?)\s*#*\s*$", Linear);

    private static Regex Quote { get; } = new(@"^\s{0,3}(>\s?)+", Linear);

    private static Regex ListMarker { get; } = new(@"^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?", Linear);

    private static Regex Image { get; } = new(@"!\[(?<text>[^\]]*)\]\([^)]*\)", Linear);

    private static Regex Link { get; } = new(@"\[(?<text>[^\]]+)\](\([^)]*\)|\[[^\]]*\])", Linear);

    private static Regex AutoLink { get; } = new(@"<(?<url>(https?|mailto):[^>\s]+)>", Linear);

    private static Regex Html { get; } = new(@"</?[A-Za-z][^>]*>", Linear);

    private static Regex Code { get; } = new(@"`+(?<code>[^`]+)`+", Linear);

    private static Regex StrongStars { get; } = new(@"\*\*(?<text>\S(.*?\S)?)\*\*", Linear);

    private static Regex StrongUnderscores { get; } = new(@"__(?<text>\S(.*?\S)?)__", Linear);

    // Emphasis opens where no word character comes before and closes where none comes after, so snake_case_names and
    // 2*3*4 stay. '*' is not a word character and '_' is, hence \B around one and \b around the other.
    private static Regex EmphasisStar { get; } = new(@"\B\*(?<text>\S(.*?\S)?)\*\B", Linear);

    private static Regex EmphasisUnderscore { get; } = new(@"\b_(?<text>\S(.*?\S)?)_\b", Linear);

    private static Regex Strike { get; } = new(@"~~(?<text>\S(.*?\S)?)~~", Linear);

    private static Regex Escape { get; } = new(@"\\(?<char>[\\`*_{}\[\]()#+\-.!>|])", Linear);
}
