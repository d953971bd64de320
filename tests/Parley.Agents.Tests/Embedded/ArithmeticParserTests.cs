using Parley.Agents.Embedded;
using Parley.Agents.Tools;

namespace Parley.Agents.Tests.Embedded;

public sealed class ArithmeticParserTests
{
    [Theory]
    [InlineData("what is twelve times seven", 12, nameof(ArithmeticOperator.Multiply), 7)]
    [InlineData("whats five plus three", 5, nameof(ArithmeticOperator.Add), 3)]
    [InlineData("what's one hundred and twenty three minus twenty-one", 123, nameof(ArithmeticOperator.Subtract), 21)]
    [InlineData("minus five plus three", -5, nameof(ArithmeticOperator.Add), 3)]
    [InlineData("ten minus minus five", 10, nameof(ArithmeticOperator.Subtract), -5)]
    [InlineData("six multiplied by nine please", 6, nameof(ArithmeticOperator.Multiply), 9)]
    [InlineData("what is a hundred divided by four", 100, nameof(ArithmeticOperator.Divide), 4)]
    [InlineData("twenty over eight", 20, nameof(ArithmeticOperator.Divide), 8)]
    [InlineData("nine squared", 9, nameof(ArithmeticOperator.Power), 2)]
    [InlineData("two cubed", 2, nameof(ArithmeticOperator.Power), 3)]
    [InlineData("two to the power of ten", 2, nameof(ArithmeticOperator.Power), 10)]
    [InlineData("what is 12 x 7", 12, nameof(ArithmeticOperator.Multiply), 7)]
    [InlineData("12 * 7", 12, nameof(ArithmeticOperator.Multiply), 7)]
    [InlineData("5 - 3", 5, nameof(ArithmeticOperator.Subtract), 3)]
    [InlineData("three million times two", 3_000_000, nameof(ArithmeticOperator.Multiply), 2)]
    [InlineData("Calculate 2.5 times 4.", 2.5, nameof(ArithmeticOperator.Multiply), 4)]
    // The operator is a name because xunit theories must be public and ArithmeticOperator is internal.
    public void FindsTheCalculation(string text, double left, string op, double right)
    {
        Assert.True(ArithmeticParser.TryParse(TextNormalizer.Tokenize(text), out var query), text);
        Assert.Equal(new ArithmeticQuery(left, Enum.Parse<ArithmeticOperator>(op), right), query);
    }

    [Theory]
    [InlineData("how many times have i called")]
    [InlineData("what time is it")]
    [InlineData("plus five")]
    [InlineData("five plus")]
    [InlineData("hello there")]
    public void FindsNothingWithoutTwoNumbersAndAnOperator(string text) =>
        Assert.False(ArithmeticParser.TryParse(TextNormalizer.Tokenize(text), out _));
}
