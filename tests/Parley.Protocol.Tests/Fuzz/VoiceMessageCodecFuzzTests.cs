using System.Runtime.CompilerServices;
using System.Text;
using CsCheck;
using Parley.Protocol.Serialization;
using Parley.Testing.Fuzz;
using Xunit.Abstractions;

namespace Parley.Protocol.Tests.Fuzz;

/// <summary>
/// The codec over random, generated and mutated frames (issue 12, "suites that stay"): every frame is either read or
/// refused with <c>invalid_message</c>, never another exception; an error is short whatever the frame held; and what
/// is read writes back to a frame that reads the same. 60,000 inputs per CI run (<see cref="FuzzBudget"/>).
/// </summary>
public sealed class VoiceMessageCodecFuzzTests(ITestOutputHelper output)
{
    /// <summary>The longest error a frame may cause: the codec quotes at most 40 characters of client text.</summary>
    private const int MaxErrorChars = 400;

    private static readonly ByteMutator Mutator = new(JsonFuzz.Tokens);

    [Fact]
    public void Random_bytes_are_read_or_refused_with_invalid_message()
        => Run(Gen.Byte.Array[0, 4096], bytes => bytes, FuzzBudget.Inputs(15_000));

    [Fact]
    public void Mutated_frames_of_every_type_are_read_or_refused_and_what_is_read_writes_back()
        => Run(Mutator.Of(VoiceFrameFuzz.Seeds), mutant => mutant.Bytes, FuzzBudget.Inputs(25_000));

    [Fact]
    public void Generated_frames_of_every_type_are_read_or_refused_and_what_is_read_writes_back()
        => Run(VoiceFrameFuzz.AnyFrame, Encoding.UTF8.GetBytes, FuzzBudget.Inputs(20_000));

    private void Run<T>(Gen<T> gen, Func<T, byte[]> bytesOf, int inputs, [CallerMemberName] string target = "")
    {
        var (read, refused) = (0, 0);
        FuzzRun.Sample(
            gen,
            input =>
            {
                if (ReadOrRefuse(bytesOf(input)))
                {
                    Interlocked.Increment(ref read);
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            },
            inputs,
            target,
            threads: 2);
        output.WriteLine($"seed {FuzzBudget.Seed}: {inputs} inputs: {read} read, {refused} refused with invalid_message");
        Assert.Equal(inputs, read + refused);
    }

    /// <summary>True when the frame was read (and writes back the same), false when refused as the contract says.</summary>
    internal static bool ReadOrRefuse(byte[] frame)
    {
        Parley.Protocol.Messages.VoiceMessage message;
        try
        {
            message = VoiceMessageCodec.Deserialize(frame);
        }
        catch (VoiceProtocolException ex)
        {
            Assert.Equal(ErrorCodes.InvalidMessage, ex.Code);
            if (ex.Message.Length > MaxErrorChars)
            {
                Assert.Fail($"An error of {ex.Message.Length} characters: {ex.Message[..MaxErrorChars]}…");
            }

            return false;
        }

        var written = VoiceMessageCodec.Serialize(message);
        var again = VoiceMessageCodec.Deserialize(written);
        Assert.Equal(message.Type, again.Type);
        Assert.Equal(written, VoiceMessageCodec.Serialize(again));
        return true;
    }
}
