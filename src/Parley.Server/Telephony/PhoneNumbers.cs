using System.Text.RegularExpressions;

namespace Parley.Server.Telephony;

/// <summary>What a phone number must look like: E.164, a plus and 8 to 15 digits.</summary>
internal static partial class PhoneNumbers
{
    public static bool IsE164(string? number) => number is not null && E164().IsMatch(number);

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
