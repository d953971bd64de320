using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace Parley.Agents.Tools;

/// <summary>The tools every Parley agent gets, as <see cref="AIFunction"/>s: <c>get_current_time</c> and <c>calculator</c>.</summary>
public sealed class BuiltInTools
{
    /// <summary>The name of the time tool.</summary>
    public const string GetCurrentTimeName = "get_current_time";

    /// <summary>The name of the calculator tool.</summary>
    public const string CalculatorName = "calculator";

    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the tools; the clock and the default time zone come from <paramref name="timeProvider"/>.</summary>
    public BuiltInTools(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        // Both only read the clock or compute: they may run for a reply prepared before its turn is confirmed.
        GetCurrentTimeFunction = AIFunctionFactory.Create(GetCurrentTime, ToolEffects.FreeOfSideEffects(new AIFunctionFactoryOptions
        {
            Name = GetCurrentTimeName,
            Description = "Gets the current local time, date and day of the week.",
        }));
        CalculatorFunction = AIFunctionFactory.Create(Calculate, ToolEffects.FreeOfSideEffects(new AIFunctionFactoryOptions
        {
            Name = CalculatorName,
            Description = "Does one arithmetic operation on two numbers and returns the exact result.",
        }));
        All = [GetCurrentTimeFunction, CalculatorFunction];
    }

    /// <summary>The <c>get_current_time</c> tool.</summary>
    public AIFunction GetCurrentTimeFunction { get; }

    /// <summary>The <c>calculator</c> tool.</summary>
    public AIFunction CalculatorFunction { get; }

    /// <summary>All built-in tools, ready for <see cref="ChatOptions.Tools"/>.</summary>
    public IReadOnlyList<AITool> All { get; }

    /// <summary>Returns the current local time and date in <paramref name="timeZone"/>, or in the provider's local zone.</summary>
    /// <exception cref="ArgumentException">The time zone is unknown.</exception>
    public CurrentTimeInfo GetCurrentTime(
        [Description("An IANA time zone such as Europe/London. Leave it out for the server's local time zone.")]
        string? timeZone = null)
    {
        var zone = string.IsNullOrWhiteSpace(timeZone) ? _timeProvider.LocalTimeZone : FindZone(timeZone.Trim());
        var local = TimeZoneInfo.ConvertTime(_timeProvider.GetUtcNow(), zone);
        var inv = CultureInfo.InvariantCulture;
        return new CurrentTimeInfo(
            zone.Id,
            local,
            local.ToString("yyyy-MM-dd", inv),
            local.ToString("HH:mm", inv),
            local.DayOfWeek.ToString(),
            local.ToString("zzz", inv));
    }

    /// <summary>Computes <c>a op b</c>; <paramref name="op"/> is add, subtract, multiply, divide or power.</summary>
    /// <exception cref="ArgumentException">The operator is unknown.</exception>
    /// <exception cref="DivideByZeroException">Division by zero.</exception>
    /// <exception cref="OverflowException">The result is not a finite number.</exception>
    public static double Calculate(
        [Description("The first number.")] double a,
        [Description("One of: add, subtract, multiply, divide, power.")] string op,
        [Description("The second number.")] double b)
    {
        if (!Calculator.TryParseOperator(op, out var parsed))
        {
            throw new ArgumentException($"Unknown operation '{op}'. Use add, subtract, multiply, divide or power.", nameof(op));
        }

        if (parsed == ArithmeticOperator.Divide && b == 0)
        {
            throw new DivideByZeroException("Cannot divide by zero.");
        }

        var result = Calculator.Compute(a, parsed, b);
        // An infinity or NaN would serialise badly and mean nothing to a listener.
        return double.IsFinite(result) ? result : throw new OverflowException("The result is not a finite number.");
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Unknown time zone '{id}'.", nameof(id), ex);
        }
    }
}
