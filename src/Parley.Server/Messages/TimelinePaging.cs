using System.Globalization;
using Parley.Server.Api;
using Parley.Storage.Messages;

namespace Parley.Server.Messages;

/// <summary>How much of a voice message's timeline one answer carries, so no message (and no page of them) is unbounded.</summary>
/// <remarks>
/// A list carries the first <see cref="ListEvents"/> events of each message, up to <see cref="ListChars"/> characters of
/// their text; retrieving one message carries up to <c>timeline_limit</c> events (at most and by default
/// <see cref="MaxEvents"/>) from <c>timeline_offset</c> on, up to <see cref="RetrieveChars"/> characters but always at
/// least one event, so following the offset reaches every event.
/// </remarks>
internal static class TimelinePaging
{
    public const int ListEvents = 100;
    public const long ListChars = 64 * 1024;
    public const int MaxEvents = 1000;
    public const long RetrieveChars = 1024 * 1024;

    /// <summary>The budget of each message in a list.</summary>
    public static TimelineBudget List { get; } = new(ListEvents, ListChars, AtLeastOne: false);

    /// <summary>The offset and budget asked for when retrieving one message: 400 for values that are not numbers, 422 for ones out of range.</summary>
    public static (int Offset, TimelineBudget Budget) Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var offset = Number(request, "timeline_offset", 0, 0, int.MaxValue);
        var limit = Number(request, "timeline_limit", MaxEvents, 1, MaxEvents);
        return (offset, new TimelineBudget(limit, RetrieveChars, AtLeastOne: true));
    }

    private static int Number(HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw ApiException.BadRequest($"'{name}' must be a whole number, not '{text}'.");
        }

        return value >= min && value <= max ? value : throw ApiException.Unprocessable($"'{name}' must be between {min} and {max}.");
    }
}
