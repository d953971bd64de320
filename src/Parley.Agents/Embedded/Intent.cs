namespace Parley.Agents.Embedded;

/// <summary>A matched intent with what it needs to be answered.</summary>
/// <param name="Kind">What was asked for.</param>
internal sealed record Intent(IntentKind Kind)
{
    /// <summary>The calculation, for <see cref="IntentKind.Arithmetic"/>.</summary>
    public ArithmeticQuery? Arithmetic { get; init; }

    /// <summary>The place asked about ("what time is it in tokyo"), for time and date intents; null for local time.</summary>
    public KnownPlace? Place { get; init; }

    /// <summary>The name as it should be spoken ("Carol Smith"), for <see cref="IntentKind.Introduction"/>.</summary>
    public string? Name { get; init; }
}
