using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Knowledge.Extraction;

/// <summary>Markdown as plain prose: the syntax a listener should not hear is removed, the words are kept.</summary>
/// <remarks>
/// Light by design (no full CommonMark parse): headings become paragraphs of their own so chunks break at them;
/// links and images keep their text; emphasis, code marks, quotes, list markers, table rules, HTML tags and front
/// matter go; the content of code blocks stays, since it may be what a question is about.
/// </remarks>
internal static partial class MarkdownTextExtractor
{
    private const char EscapeBase = '\uE000';

    public static IReadOnlyList<ExtractedPage> Extract(Stream stream) => [new ExtractedPage(null, Strip(PlainTextExtractor.ReadAll(stream)))];

    public static string Strip(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var output = new StringBuilder(markdown.Length);
        var start = SkipFrontMatter(lines);
        var inFence = false;
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (Fence().IsMatch(line))
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

            if (Rule().IsMatch(line) || TableRule().IsMatch(line) || LinkDefinition().IsMatch(line))
            {
                // Also a setext heading's underline: the blank line makes the text above it a paragraph of its own.
                output.Append('\n');
                continue;
            }

            var heading = Heading().Match(line);
            if (heading.Success)
            {
                output.Append('\n').Append(Inline(heading.Groups["text"].Value)).Append("\n\n");
                continue;
            }

            line = Quote().Replace(line, string.Empty);
            line = ListMarker().Replace(line, string.Empty);
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
        // Escaped characters are hidden (as private-use characters) from the rules below, then restored as themselves.
        text = Escape().Replace(text, m => ((char)(EscapeBase + m.Groups["char"].Value[0])).ToString());
        text = Image().Replace(text, "${text}");
        text = Link().Replace(text, "${text}");
        text = AutoLink().Replace(text, "${url}");
        text = Html().Replace(text, string.Empty);
        text = Code().Replace(text, "${code}");
        text = Strong().Replace(text, "${text}");
        text = Emphasis().Replace(text, "${text}");
        text = Strike().Replace(text, "${text}");
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= EscapeBase and < (char)(EscapeBase + 128) ? (char)(c - EscapeBase) : c;
            }
        });
    }

    [GeneratedRegex(@"^\s{0,3}(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s{0,3}([-*_=])(\s*\1){2,}\s*$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s+\S+")]
    private static partial Regex LinkDefinition();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}(>\s?)+")]
    private static partial Regex Quote();

    [GeneratedRegex(@"^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"!\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\](\([^)]*\)|\[[^\]]*\])")]
    private static partial Regex Link();

    [GeneratedRegex(@"<(?<url>(https?|mailto):[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?[A-Za-z][^>]*>")]
    private static partial Regex Html();

    [GeneratedRegex(@"`+(?<code>[^`]+)`+")]
    private static partial Regex Code();

    [GeneratedRegex(@"(\*\*|__)(?<text>\S(.*?\S)?)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])([*_])(?<text>\S(.*?\S)?)\1(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"~~(?<text>\S(.*?\S)?)~~")]
    private static partial Regex Strike();

    [GeneratedRegex(@"\\(?<char>[\\`*_{}\[\]()#+\-.!>|])")]
    private static partial Regex Escape();
}
