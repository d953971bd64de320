namespace Parley.Agents.Tools;

/// <summary>The arithmetic behind the <c>calculator</c> tool, shared with the embedded agent's direct answers.</summary>
internal static class Calculator
{
    // Language models name operations in many ways; accepting the common ones saves a failed call and a retry.
    private static readonly Dictionary<string, ArithmeticOperator> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["add"] = ArithmeticOperator.Add,
        ["plus"] = ArithmeticOperator.Add,
        ["+"] = ArithmeticOperator.Add,
        ["subtract"] = ArithmeticOperator.Subtract,
        ["minus"] = ArithmeticOperator.Subtract,
        ["-"] = ArithmeticOperator.Subtract,
        ["multiply"] = ArithmeticOperator.Multiply,
        ["times"] = ArithmeticOperator.Multiply,
        ["*"] = ArithmeticOperator.Multiply,
        ["x"] = ArithmeticOperator.Multiply,
        ["divide"] = ArithmeticOperator.Divide,
        ["divided_by"] = ArithmeticOperator.Divide,
        ["/"] = ArithmeticOperator.Divide,
        ["power"] = ArithmeticOperator.Power,
        ["pow"] = ArithmeticOperator.Power,
        ["^"] = ArithmeticOperator.Power,
    };

    /// <summary>The canonical name of <paramref name="op"/>, as the embedded agent passes it to the tool.</summary>
    public static string NameOf(ArithmeticOperator op) => op switch
    {
        ArithmeticOperator.Add => "add",
        ArithmeticOperator.Subtract => "subtract",
        ArithmeticOperator.Multiply => "multiply",
        ArithmeticOperator.Divide => "divide",
        ArithmeticOperator.Power => "power",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operator."),
    };

    /// <summary>Reads an operator name or symbol such as <c>multiply</c>, <c>times</c> or <c>*</c>.</summary>
    public static bool TryParseOperator(string? name, out ArithmeticOperator op) =>
        Names.TryGetValue(name?.Trim() ?? "", out op);

    /// <summary>Computes with IEEE semantics: dividing by zero gives an infinity, not an exception.</summary>
    public static double Compute(double a, ArithmeticOperator op, double b) => op switch
    {
        ArithmeticOperator.Add => a + b,
        ArithmeticOperator.Subtract => a - b,
        ArithmeticOperator.Multiply => a * b,
        ArithmeticOperator.Divide => a / b,
        ArithmeticOperator.Power => Math.Pow(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operator."),
    };
}
