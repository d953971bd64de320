using System.Text.RegularExpressions;

namespace Parley.Agents.Embedded;

/// <summary>
/// Makes document text fit to be read aloud: markdown marks, links and addresses go, whitespace is one space, and
/// the text ends as a sentence. A voice reading "asterisk asterisk" or a whole URL helps nobody.
/// </summary>
internal static partial class SpeechText
{
    /// <summary>The spoken form of <paramref name="text"/>; empty when nothing speakable is left.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var spoken = MarkdownLink().Replace(text, "$1");
        spoken = Url().Replace(spoken, string.Empty);
        spoken = LineMarker().Replace(spoken, "$1");
        spoken = Emphasis().Replace(spoken, string.Empty);
        spoken = spoken.Replace('|', ' ').Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        spoken = EmptyBrackets().Replace(spoken, string.Empty);
        spoken = Spaces().Replace(spoken, " ").Trim();
        spoken = SpaceBeforePunctuation().Replace(spoken, "$1");
        spoken = spoken.TrimEnd(',', ';', ':', ' ', '-');
        if (!spoken.Any(char.IsLetterOrDigit))
        {
            return string.Empty;
        }

        return spoken[^1] is '.' or '!' or '?' ? spoken : spoken + ".";
    }

    // [the handbook](https://…) and ![a chart](…) → their words.
    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\b(?:https?://|ftp://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // Headings, quotes and list bullets at the start of a line: "# Wifi", "> note", "- item", "2. item".
    [GeneratedRegex(@"(^|\n)[ \t]*(?:#{1,6}|>|[-*+•]|\d{1,3}[.)])[ \t]+", RegexOptions.Multiline)]
    private static partial Regex LineMarker();

    // **bold**, __bold__, *italic*, `code`, and ~~struck~~ marks; a lone word_with_underscores keeps them.
    [GeneratedRegex(@"\*+|`+|~~|(?<!\w)_+|_+(?!\w)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\(\s*\)|\[\s*\]|<\s*>")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();
}
