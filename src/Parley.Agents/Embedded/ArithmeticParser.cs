using System.Diagnostics.CodeAnalysis;
using Parley.Agents.Tools;

namespace Parley.Agents.Embedded;

/// <summary>
/// Finds a calculation in recogniser tokens: a number, an operator phrase ("times", "divided by", "to the power
/// of", "squared"…) and a number. Words around it ("what is", "please") are ignored.
/// </summary>
internal static class ArithmeticParser
{
    // Longer phrases first, so "to the power of" wins over "to the power" at the same position.
    private static readonly OperatorPhrase[] Phrases =
    [
        new(["raised", "to", "the", "power", "of"], ArithmeticOperator.Power),
        new(["to", "the", "power", "of"], ArithmeticOperator.Power),
        new(["to", "the", "power"], ArithmeticOperator.Power),
        new(["raised", "to"], ArithmeticOperator.Power),
        new(["multiplied", "by"], ArithmeticOperator.Multiply),
        new(["divided", "by"], ArithmeticOperator.Divide),
        new(["divide", "by"], ArithmeticOperator.Divide),
        new(["take", "away"], ArithmeticOperator.Subtract),
        new(["plus"], ArithmeticOperator.Add),
        new(["+"], ArithmeticOperator.Add),
        new(["minus"], ArithmeticOperator.Subtract),
        new(["-"], ArithmeticOperator.Subtract),
        new(["times"], ArithmeticOperator.Multiply),
        new(["x"], ArithmeticOperator.Multiply),
        new(["*"], ArithmeticOperator.Multiply),
        new(["over"], ArithmeticOperator.Divide),
        new(["/"], ArithmeticOperator.Divide),
        new(["^"], ArithmeticOperator.Power),
        new(["squared"], ArithmeticOperator.Power, ImpliedRight: 2),
        new(["cubed"], ArithmeticOperator.Power, ImpliedRight: 3),
    ];

    /// <summary>Finds the first calculation in <paramref name="tokens"/>.</summary>
    public static bool TryParse(IReadOnlyList<string> tokens, [NotNullWhen(true)] out ArithmeticQuery? query)
    {
        for (int i = 1; i < tokens.Count; i++)
        {
            foreach (var phrase in Phrases)
            {
                if (!phrase.MatchesAt(tokens, i) || !TryParseNumberEndingAt(tokens, i, out double left))
                {
                    continue;
                }

                if (phrase.ImpliedRight is double implied)
                {
                    query = new ArithmeticQuery(left, phrase.Operator, implied);
                    return true;
                }

                if (NumberWords.TryParse(tokens, i + phrase.Words.Length, out double right, out _))
                {
                    query = new ArithmeticQuery(left, phrase.Operator, right);
                    return true;
                }
            }
        }

        query = null;
        return false;
    }

    // The longest number that ends right before the operator: "what is one hundred and five" gives 105.
    private static bool TryParseNumberEndingAt(IReadOnlyList<string> tokens, int end, out double value)
    {
        for (int start = 0; start < end; start++)
        {
            if (NumberWords.TryParse(tokens, start, out value, out int consumed) && start + consumed == end)
            {
                return true;
            }
        }

        value = 0;
        return false;
    }

    private sealed record OperatorPhrase(string[] Words, ArithmeticOperator Operator, double? ImpliedRight = null)
    {
        public bool MatchesAt(IReadOnlyList<string> tokens, int index)
        {
            if (index + Words.Length > tokens.Count)
            {
                return false;
            }

            for (int j = 0; j < Words.Length; j++)
            {
                if (tokens[index + j] != Words[j])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
