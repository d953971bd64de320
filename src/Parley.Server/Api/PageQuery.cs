using System.Globalization;
using Parley.Storage.Paging;

namespace Parley.Server.Api;

/// <summary>Reads <c>after</c>, <c>before</c> and <c>limit</c> from the query string.</summary>
public static class PageQuery
{
    /// <summary>The page asked for: 400 for a limit that is not a number, 422 for one out of range or both cursors at once.</summary>
    public static PageRequest Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var after = NullIfEmpty(request.Query["after"].ToString());
        var before = NullIfEmpty(request.Query["before"].ToString());
        if (after is not null && before is not null)
        {
            throw ApiException.Unprocessable("Give 'after' or 'before', not both.");
        }

        var limitText = request.Query["limit"].ToString();
        var limit = PageRequest.DefaultLimit;
        if (limitText.Length > 0)
        {
            if (!int.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit))
            {
                throw ApiException.BadRequest($"'limit' must be a whole number, not '{limitText}'.");
            }

            if (limit is < 1 or > PageRequest.MaxLimit)
            {
                throw ApiException.Unprocessable($"'limit' must be between 1 and {PageRequest.MaxLimit}.");
            }
        }

        return new PageRequest(after, before, limit);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
