using Parley.Storage.Secrets;

namespace Parley.Storage.Tests.Secrets;

public sealed class SecretReferencesTests
{
    [Fact]
    public void References_are_found_filled_and_checked()
    {
        const string Header = "Bearer {{secret:CRM token}} and {{secret:other}} {{secret:CRM token}}";

        Assert.Equal(["CRM token", "other"], SecretReferences.Names(Header));
        Assert.Equal("Bearer a and b a", SecretReferences.Fill(Header, new Dictionary<string, string> { ["CRM token"] = "a", ["other"] = "b" }));
        Assert.Throws<KeyNotFoundException>(() => SecretReferences.Fill(Header, new Dictionary<string, string> { ["other"] = "b" }));
        Assert.False(SecretReferences.HasMalformed(Header));
        Assert.False(SecretReferences.HasMalformed("no references"));
        Assert.True(SecretReferences.HasMalformed("{{secret:}}"));
        Assert.True(SecretReferences.HasMalformed("{{secret:unclosed"));
        Assert.True(SecretReferences.HasMalformed("{{secret: padded}}"));
    }

    [Theory]
    [InlineData("api_key", true)]
    [InlineData("CRM token", true)]
    [InlineData("", false)]
    [InlineData(" leading", false)]
    [InlineData("trailing ", false)]
    [InlineData("a{b", false)]
    [InlineData("a}b", false)]
    [InlineData("line\nbreak", false)]
    public void Names_may_hold_anything_but_braces_control_characters_and_outer_spaces(string name, bool valid)
        => Assert.Equal(valid, SecretReferences.IsValidName(name));
}
