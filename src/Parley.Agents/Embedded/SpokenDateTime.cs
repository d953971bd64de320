using System.Globalization;

namespace Parley.Agents.Embedded;

/// <summary>Says times and dates in words, because TTS voices misread "3:45 PM" and "14/03/2026".</summary>
internal static class SpokenDateTime
{
    /// <summary>E.g. "three forty-five in the afternoon", "ten oh five in the morning", "midnight".</summary>
    public static string Time(DateTimeOffset local)
    {
        int hour = local.Hour, minute = local.Minute;
        if (minute == 0 && hour is 0 or 12)
        {
            return hour == 0 ? "midnight" : "noon";
        }

        string hourWords = NumberWords.ToWords(hour % 12 == 0 ? 12 : hour % 12);
        string clock = minute switch
        {
            0 => hourWords + " o'clock",
            < 10 => hourWords + " oh " + NumberWords.ToWords(minute),
            _ => hourWords + " " + NumberWords.ToWords(minute),
        };
        string partOfDay = hour switch
        {
            < 5 => "at night",
            < 12 => "in the morning",
            < 18 => "in the afternoon",
            < 22 => "in the evening",
            _ => "at night",
        };
        return clock + " " + partOfDay;
    }

    /// <summary>E.g. "Tuesday, March fourteenth, twenty twenty-six".</summary>
    public static string Date(DateTimeOffset local)
    {
        var inv = CultureInfo.InvariantCulture;
        return local.ToString("dddd", inv) + ", " + local.ToString("MMMM", inv) + " "
            + NumberWords.ToOrdinal(local.Day) + ", " + NumberWords.YearToWords(local.Year);
    }
}
