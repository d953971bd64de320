namespace Parley.Storage.Messages;

/// <summary>How much of a timeline one answer may carry: at most <see cref="MaxEvents"/> events whose text adds up to at most <see cref="MaxChars"/>.</summary>
/// <param name="MaxEvents">The most events.</param>
/// <param name="MaxChars">The most characters of event text (with citations) in all.</param>
/// <param name="AtLeastOne">Whether the first event is given even when it alone is over <see cref="MaxChars"/>, so paging always moves on.</param>
public sealed record TimelineBudget(int MaxEvents, long MaxChars, bool AtLeastOne);
