using System.Text;

namespace Parley.Telephony.Media;

/// <summary>Keys the caller presses, gathered into one entry (a PIN, a menu choice) and given to the agent as one text turn.</summary>
/// <remarks>An entry ends when <c>#</c> is pressed, when it reaches <see cref="MaxKeys"/>, or after <see cref="TelephonyOptions.DtmfEntryGap"/> without a key.</remarks>
internal sealed class KeypadEntry(TimeProvider time, TimeSpan gap)
{
    /// <summary>Most keys in one entry.</summary>
    public const int MaxKeys = 32;

    private readonly StringBuilder _keys = new();
    private long _lastKeyAt;

    /// <summary>Adds a key; the entry's text when this key ends it.</summary>
    public string? Press(string digit)
    {
        if (digit.Length != 1 || !IsKey(digit[0]))
        {
            return null;
        }

        _keys.Append(digit);
        _lastKeyAt = time.GetTimestamp();
        return digit == "#" || _keys.Length >= MaxKeys ? Take() : null;
    }

    /// <summary>The entry's text when the caller has stopped pressing keys for the gap; else null.</summary>
    public string? TakeIfDone() => _keys.Length > 0 && time.GetElapsedTime(_lastKeyAt) >= gap ? Take() : null;

    private string Take()
    {
        var keys = _keys.ToString();
        _keys.Clear();
        return $"The caller pressed {keys} on the keypad.";
    }

    private static bool IsKey(char c) => c is (>= '0' and <= '9') or '*' or '#' or (>= 'A' and <= 'D');
}
