using Microsoft.Extensions.Time.Testing;
using Parley.Telephony.Media;

namespace Parley.Telephony.Tests.Media;

public sealed class KeypadEntryTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Hash_ends_an_entry_at_once()
    {
        var keypad = new KeypadEntry(_time, TimeSpan.FromSeconds(1.5));
        Assert.Null(keypad.Press("4"));
        Assert.Null(keypad.Press("2"));
        Assert.Equal("The caller pressed 42# on the keypad.", keypad.Press("#"));
    }

    [Fact]
    public void A_pause_after_the_last_key_ends_an_entry()
    {
        var keypad = new KeypadEntry(_time, TimeSpan.FromSeconds(1.5));
        keypad.Press("7");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(keypad.TakeIfDone());
        keypad.Press("*");
        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal("The caller pressed 7* on the keypad.", keypad.TakeIfDone());
        Assert.Null(keypad.TakeIfDone());
    }

    [Fact]
    public void What_is_no_key_is_ignored_and_an_entry_is_bounded()
    {
        var keypad = new KeypadEntry(_time, TimeSpan.FromSeconds(1.5));
        Assert.Null(keypad.Press("x"));
        Assert.Null(keypad.Press("12"));
        string? entry = null;
        for (var i = 0; i < KeypadEntry.MaxKeys && entry is null; i++)
        {
            entry = keypad.Press("1");
        }

        Assert.Equal($"The caller pressed {new string('1', KeypadEntry.MaxKeys)} on the keypad.", entry);
    }
}
