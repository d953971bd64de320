using Microsoft.Extensions.AI;
using Parley.Agents.Tools;

namespace Parley.Agents.Tests.Tools;

public sealed class BuiltInToolsTests
{
    [Fact]
    public void GetsTheTimeInTheProvidersLocalZone()
    {
        var info = new BuiltInTools(FixedTimeProvider.Sample()).GetCurrentTime();

        Assert.Equal("Test/PlusTwo", info.TimeZone);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 15, 45, 0, TimeSpan.FromHours(2)), info.LocalTime);
        Assert.Equal("2026-03-14", info.Date);
        Assert.Equal("15:45", info.Time);
        Assert.Equal("Saturday", info.DayOfWeek);
        Assert.Equal("+02:00", info.UtcOffset);
    }

    [Fact]
    public void GetsTheTimeInAnIanaZoneWithDaylightSaving()
    {
        var summer = new FixedTimeProvider(new DateTimeOffset(2026, 7, 1, 11, 5, 0, TimeSpan.Zero), FixedTimeProvider.PlusTwo);

        var info = new BuiltInTools(summer).GetCurrentTime("Europe/London");

        Assert.Equal("12:05", info.Time);
        Assert.Equal("+01:00", info.UtcOffset);
    }

    [Fact]
    public void RejectsAnUnknownZone() =>
        Assert.Throws<ArgumentException>(() => new BuiltInTools(FixedTimeProvider.Sample()).GetCurrentTime("Mars/Olympus_Mons"));

    [Theory]
    [InlineData(12, "multiply", 7, 84)]
    [InlineData(12, "*", 7, 84)]
    [InlineData(5, "add", -8, -3)]
    [InlineData(10, "subtract", 4, 6)]
    [InlineData(10, "divide", 4, 2.5)]
    [InlineData(2, "power", 10, 1024)]
    public void Calculates(double a, string op, double b, double expected) => Assert.Equal(expected, BuiltInTools.Calculate(a, op, b));

    [Fact]
    public void CalculatorRefusesDivisionByZeroAndUnknownOperations()
    {
        Assert.Throws<DivideByZeroException>(() => BuiltInTools.Calculate(1, "divide", 0));
        Assert.Throws<ArgumentException>(() => BuiltInTools.Calculate(1, "modulo", 2));
        Assert.Throws<OverflowException>(() => BuiltInTools.Calculate(10, "power", 400));
    }

    [Fact]
    public async Task ExposesAiFunctionsWithTheExpectedNamesAndParameters()
    {
        var tools = new BuiltInTools(FixedTimeProvider.Sample());

        Assert.Equal(["get_current_time", "calculator"], tools.All.Select(t => t.Name));
        Assert.Contains("timeZone", tools.GetCurrentTimeFunction.JsonSchema.GetRawText(), StringComparison.Ordinal);
        var result = await tools.CalculatorFunction.InvokeAsync(new AIFunctionArguments { ["a"] = 12, ["op"] = "multiply", ["b"] = 7 });
        Assert.Equal("84", result?.ToString());
    }
}
