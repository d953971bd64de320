using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Storage.Secrets;

/// <summary>References to secrets written into text as <c>{{secret:NAME}}</c>, found when saved and filled when used.</summary>
/// <remarks>Secret names may hold anything but braces and control characters, and never start or end with a space, so a reference is unambiguous.</remarks>
public static partial class SecretReferences
{
    /// <summary>The longest secret name.</summary>
    public const int MaxNameChars = 200;

    /// <summary>Whether <paramref name="name"/> may name a secret.</summary>
    public static bool IsValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is > 0 and <= MaxNameChars
            && name.Trim().Length == name.Length
            && !name.Any(c => c is '{' or '}' || char.IsControl(c));
    }

    /// <summary>The names referred to in <paramref name="text"/>, each once, in order.</summary>
    public static IReadOnlyList<string> Names(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Reference().Matches(text).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="text"/> holds a <c>{{secret:</c> that is not a whole, valid reference.</summary>
    public static bool HasMalformed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = Reference().Replace(text, m => IsValidName(m.Groups["name"].Value) ? string.Empty : m.Value);
        return rest.Contains("{{secret:", StringComparison.Ordinal);
    }

    /// <summary>The text with every reference replaced by its value.</summary>
    /// <exception cref="KeyNotFoundException">A referred secret is not in <paramref name="values"/>.</exception>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        var filled = new StringBuilder(text.Length);
        var last = 0;
        foreach (Match match in Reference().Matches(text))
        {
            var name = match.Groups["name"].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new KeyNotFoundException($"There is no secret named '{name}' in this teamspace.");
            }

            filled.Append(text, last, match.Index - last).Append(value);
            last = match.Index + match.Length;
        }

        return filled.Append(text, last, text.Length - last).ToString();
    }

    [GeneratedRegex(@"\{\{secret:(?<name>[^{}]{1,200})\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
