using Parley.Agents.Embedded;

namespace Parley.Agents.Tests.Embedded;

public sealed class NumberWordsTests
{
    [Theory]
    [InlineData(0, "zero")]
    [InlineData(7, "seven")]
    [InlineData(13, "thirteen")]
    [InlineData(21, "twenty-one")]
    [InlineData(84, "eighty-four")]
    [InlineData(100, "one hundred")]
    [InlineData(123, "one hundred twenty-three")]
    [InlineData(1001, "one thousand one")]
    [InlineData(90_210, "ninety thousand two hundred ten")]
    [InlineData(1_000_000, "one million")]
    [InlineData(2_500_017, "two million five hundred thousand seventeen")]
    [InlineData(-5, "minus five")]
    [InlineData(long.MinValue, "minus nine quintillion two hundred twenty-three quadrillion three hundred seventy-two trillion thirty-six billion eight hundred fifty-four million seven hundred seventy-five thousand eight hundred eight")]
    public void WritesIntegers(long value, string expected) => Assert.Equal(expected, NumberWords.ToWords(value));

    [Theory]
    [InlineData(3.333333, "three point three three")]
    [InlineData(2.5, "two point five")]
    [InlineData(0.05, "zero point zero five")]
    [InlineData(-1.25, "minus one point two five")]
    [InlineData(4.0, "four")]
    [InlineData(6.999, "seven")]
    public void WritesDecimalsRoundedToTwoPlaces(double value, string expected) =>
        Assert.Equal(expected, NumberWords.ToWords(value));

    [Theory]
    [InlineData("one hundred and twenty three", 123)]
    [InlineData("one hundred twenty three", 123)]
    [InlineData("twenty-one", 21)]
    [InlineData("twenty one", 21)]
    [InlineData("minus five", -5)]
    [InlineData("negative twelve", -12)]
    [InlineData("a hundred and five", 105)]
    [InlineData("a thousand", 1000)]
    [InlineData("twelve hundred", 1200)]
    [InlineData("three million four hundred thousand and one", 3_400_001)]
    [InlineData("two point five", 2.5)]
    [InlineData("point seven five", 0.75)]
    [InlineData("zero", 0)]
    [InlineData("42", 42)]
    [InlineData("1,000", 1000)]
    [InlineData("-4.5", -4.5)]
    [InlineData("5 million", 5_000_000)]
    public void ParsesWhatARecogniserWrites(string text, double expected)
    {
        Assert.True(NumberWords.TryParse(text, out double value), text);
        Assert.Equal(expected, value, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("five five")]
    [InlineData("twenty twenty")]
    [InlineData("one hundred and")]
    [InlineData("thousand")]
    [InlineData("minus")]
    [InlineData("one thousand one thousand")]
    public void RejectsTextThatIsNotOneNumber(string text) => Assert.False(NumberWords.TryParse(text, out _));

    [Fact]
    public void RoundTripsSamplesFromZeroToAMillion()
    {
        var samples = Enumerable.Range(0, 2_001)
            .Concat(Enumerable.Range(0, 1_000).Select(i => i * 997 + 13))
            .Concat([9_999, 10_000, 19_019, 99_999, 100_000, 101_101, 110_011, 999_999, 1_000_000]);
        foreach (int n in samples)
        {
            string words = NumberWords.ToWords(n);
            Assert.True(NumberWords.TryParse(words, out double parsed), words);
            Assert.Equal(n, parsed);
        }
    }

    [Theory]
    [InlineData(1, "first")]
    [InlineData(2, "second")]
    [InlineData(3, "third")]
    [InlineData(12, "twelfth")]
    [InlineData(20, "twentieth")]
    [InlineData(21, "twenty-first")]
    [InlineData(31, "thirty-first")]
    [InlineData(100, "one hundredth")]
    [InlineData(123, "one hundred twenty-third")]
    public void WritesOrdinals(int value, string expected) => Assert.Equal(expected, NumberWords.ToOrdinal(value));

    [Theory]
    [InlineData(2026, "twenty twenty-six")]
    [InlineData(2005, "two thousand five")]
    [InlineData(2000, "two thousand")]
    [InlineData(1984, "nineteen eighty-four")]
    [InlineData(1905, "nineteen oh five")]
    [InlineData(1900, "nineteen hundred")]
    public void WritesYearsAsSpoken(int year, string expected) => Assert.Equal(expected, NumberWords.YearToWords(year));
}
