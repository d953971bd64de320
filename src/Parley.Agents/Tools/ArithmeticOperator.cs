namespace Parley.Agents.Tools;

/// <summary>An operation the <c>calculator</c> tool can perform.</summary>
internal enum ArithmeticOperator
{
    /// <summary>a + b.</summary>
    Add,

    /// <summary>a − b.</summary>
    Subtract,

    /// <summary>a × b.</summary>
    Multiply,

    /// <summary>a ÷ b.</summary>
    Divide,

    /// <summary>a to the power of b.</summary>
    Power,
}
