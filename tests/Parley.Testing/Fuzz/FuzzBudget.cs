using System.Globalization;

namespace Parley.Testing.Fuzz;

/// <summary>
/// How many inputs each fuzz target gets per run and which: the CI figure times <c>PARLEY_FUZZ_SCALE</c>, drawn from
/// the seed <c>PARLEY_FUZZ_SEED</c>.
/// </summary>
/// <remarks>
/// The CI figures add up to a little over 100,000 inputs (docs/RELIABILITY.md lists them). CI runs the fixed
/// <see cref="DefaultSeed"/>, so a run is the same on every machine and a failure replays; a longer search by hand
/// sets a scale and a new seed (<c>scripts/fuzz.sh</c> does both). A failure prints the run seed, the input's CsCheck
/// seed and the input CsCheck shrank it to (<see cref="FuzzRun"/>); that input becomes a named regression case.
/// </remarks>
public static class FuzzBudget
{
    /// <summary>The seed of CI runs.</summary>
    public const ulong DefaultSeed = 12;

    /// <summary>The factor from <c>PARLEY_FUZZ_SCALE</c> (default 1; fractions allowed, e.g. 0.1 for a quick look).</summary>
    public static double Scale { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("PARLEY_FUZZ_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0
            ? scale
            : 1;

    /// <summary>The run seed from <c>PARLEY_FUZZ_SEED</c> (a whole number), else <see cref="DefaultSeed"/>.</summary>
    public static ulong Seed { get; } =
        ulong.TryParse(Environment.GetEnvironmentVariable("PARLEY_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    /// <summary>The inputs for a target whose CI figure is <paramref name="ciInputs"/>.</summary>
    public static int Inputs(int ciInputs) => Math.Max(1, (int)Math.Round(ciInputs * Scale));
}
