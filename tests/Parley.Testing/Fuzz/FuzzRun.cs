using System.Globalization;
using CsCheck;

namespace Parley.Testing.Fuzz;

/// <summary>
/// Runs a fuzz target over inputs that are a function of one seed: the same <see cref="FuzzBudget.Seed"/> draws the
/// same inputs on every machine, whatever the threads' order. A failing input is named by its own CsCheck seed and
/// handed to CsCheck, which replays it first and shrinks it; the shrunk input and both seeds go in the failure.
/// </summary>
/// <remarks>
/// CsCheck's own <c>Sample</c> draws a new seed per run and takes a seed only for the first input; CI needs a run that
/// a failure replays whole, so the inputs are generated here, input <c>i</c> from a PCG of the target's stream and the
/// run seed plus <c>i</c>.
/// </remarks>
public static class FuzzRun
{
    /// <summary>How many more inputs CsCheck tries when shrinking a failure (bounded, so a failing run still ends).</summary>
    private const int ShrinkInputs = 2_000;

    private static readonly Lock Failures = new();

    /// <summary>Calls <paramref name="assert"/> on <paramref name="inputs"/> inputs of <paramref name="gen"/>, on up to <paramref name="threads"/> threads.</summary>
    /// <param name="target">Names the target: it picks the PCG stream, so two targets draw different inputs from one seed.</param>
    public static void Sample<T>(Gen<T> gen, Action<T> assert, int inputs, string target, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(assert);
        var stream = Stream(target);
        Exception? first = null;
        var failed = -1;
        Parallel.For(0, inputs, new ParallelOptions { MaxDegreeOfParallelism = threads }, (i, state) =>
        {
            var input = Input(gen, stream, i);
            try
            {
                assert(input);
            }
            catch (Exception ex)
            {
                Fail(ref first, ref failed, ex, i);
                state.Stop();
            }
        });

        if (first is not null)
        {
            var seed = InputSeed(stream, failed);
            throw Shrunk(() => gen.Sample(assert, seed: seed, iter: ShrinkInputs, threads: 1), first, target, failed, seed);
        }
    }

    /// <summary>The asynchronous <see cref="Sample{T}"/>: at most <paramref name="threads"/> inputs in flight.</summary>
    public static async Task SampleAsync<T>(Gen<T> gen, Func<T, Task> assert, int inputs, string target, int threads = 1, int shrinkInputs = ShrinkInputs)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(assert);
        var stream = Stream(target);
        Exception? first = null;
        var failed = -1;
        using var stop = new CancellationTokenSource();
        try
        {
            await Parallel.ForAsync(0, inputs, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = stop.Token }, async (i, _) =>
            {
                var input = Input(gen, stream, i);
                try
                {
                    await assert(input);
                }
                catch (Exception ex)
                {
                    Fail(ref first, ref failed, ex, i);
                    await stop.CancelAsync();
                }
            });
        }
        catch (OperationCanceledException) when (first is not null)
        {
            // Stopped at the first failure: it is reported below.
        }

        if (first is not null)
        {
            var seed = InputSeed(stream, failed);
            var shrink = gen.SampleAsync(assert, seed: seed, iter: shrinkInputs, threads: 1);
            Exception? shrunk = null;
            try
            {
                await shrink;
            }
            catch (Exception ex)
            {
                shrunk = ex;
            }

            throw Report(first, shrunk, target, failed, seed);
        }
    }

    /// <summary>One input of <paramref name="gen"/> drawn from the run seed alone (a warm-up call, say).</summary>
    public static T Example<T>(Gen<T> gen)
    {
        ArgumentNullException.ThrowIfNull(gen);
        return Input(gen, 0, 0);
    }

    private static string InputSeed(uint stream, int index) => new PCG(stream, FuzzBudget.Seed + (ulong)index).ToString();

    private static T Input<T>(Gen<T> gen, uint stream, int index) => gen.Generate(new PCG(stream, FuzzBudget.Seed + (ulong)index), null, out _);

    private static void Fail(ref Exception? first, ref int failed, Exception ex, int index)
    {
        lock (Failures)
        {
            if (first is null || index < failed)
            {
                (first, failed) = (ex, index);
            }
        }
    }

    private static Exception Shrunk(Action shrink, Exception first, string target, int index, string seed)
    {
        Exception? shrunk = null;
        try
        {
            shrink();
        }
        catch (Exception ex)
        {
            shrunk = ex;
        }

        return Report(first, shrunk, target, index, seed);
    }

    private static Exception Report(Exception first, Exception? shrunk, string target, int index, string seed)
    {
        var replay = string.Create(CultureInfo.InvariantCulture, $"{target}: input {index} of run seed {FuzzBudget.Seed} (PARLEY_FUZZ_SEED={FuzzBudget.Seed} replays the run; CsCheck seed \"{seed}\" the input) failed: {first.Message}");
        return new FuzzFailureException(
            shrunk is null ? replay + "\nCsCheck's replay of it passed (a failure that depends on timing or on earlier inputs)." : replay + "\nShrunk by CsCheck:\n" + shrunk.Message,
            first);
    }

    /// <summary>A stable stream per target name (string.GetHashCode differs between processes).</summary>
    private static uint Stream(string target)
    {
        var hash = 2166136261u;
        foreach (var c in target)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash & 0x7FFF_FFFF;
    }
}

/// <summary>A fuzz input broke a property: the message names the run seed, the input's seed and the shrunk input.</summary>
public sealed class FuzzFailureException(string message, Exception inner) : Exception(message, inner);
