using System.Text;

namespace Parley.Storage.Secrets;

/// <summary>A secret's value, read to be used, with the hosts it may be sent to (null: anywhere).</summary>
public sealed record SecretValue(string Name, string Value, IReadOnlyList<string>? AllowedHosts)
{
    // A record prints every property; this one must never print its value into a log or an exception.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Value = ***, AllowedHosts = ")
            .Append(AllowedHosts is null ? "(anywhere)" : string.Join(", ", AllowedHosts));
        return true;
    }
}
