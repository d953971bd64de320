using System.Globalization;

namespace Parley.Testing.Fuzz;

/// <summary>How many inputs each fuzz target gets per run: the CI figure, times <c>PARLEY_FUZZ_SCALE</c> for longer runs by hand.</summary>
/// <remarks>
/// The CI figures add up to a little over 100,000 inputs (docs/RELIABILITY.md lists them); <c>scripts/fuzz.sh</c> runs
/// only the fuzz tests, with a scale of its choosing. Inputs are random on every run (CsCheck draws a new seed), so a
/// failure prints the <c>CsCheck_Seed</c> that replays it and the shrunk input; that input becomes a named regression case.
/// </remarks>
public static class FuzzBudget
{
    /// <summary>The factor from <c>PARLEY_FUZZ_SCALE</c> (default 1; fractions allowed, e.g. 0.1 for a quick look).</summary>
    public static double Scale { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("PARLEY_FUZZ_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0
            ? scale
            : 1;

    /// <summary>The inputs for a target whose CI figure is <paramref name="ciInputs"/>.</summary>
    public static int Inputs(int ciInputs) => Math.Max(1, (int)Math.Round(ciInputs * Scale));
}
