using Parley.Agents.Tools;

namespace Parley.Agents.Embedded;

/// <summary>One spoken calculation, e.g. "twelve times seven" as (12, Multiply, 7).</summary>
internal sealed record ArithmeticQuery(double Left, ArithmeticOperator Operator, double Right);
