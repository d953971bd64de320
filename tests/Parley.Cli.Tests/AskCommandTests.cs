using Parley.Cli.Tests.Infrastructure;
using Parley.Client.Audio;
using Parley.Testing.Speech;
using WavFile = Parley.Client.Audio.WavFile;

namespace Parley.Cli.Tests;

/// <summary><c>parley ask</c> end to end: synthesised speech in, the spoken answer out.</summary>
[Collection(CliCollection.Name)]
public sealed class AskCommandTests(CliServerFixture server) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parley-ask-").FullName;

    [Fact]
    public async Task A_spoken_question_gets_a_spoken_answer_with_its_transcript_and_tool_call()
    {
        var question = Path.Combine(_folder, "question.wav");
        var answer = Path.Combine(_folder, "answer.wav");
        WavFile.Write(question, Pcm16.ToBytes(TestSpeech.Say("what is twelve times seven")), 16000);
        using var cli = new CliRun(server.Url, CliServerFixture.ApiKey);

        var result = await cli.RunAsync("ask", question, "--out", answer, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        var heard = json.GetProperty("user_transcript").GetString()!;
        Assert.Contains("twelve", heard, StringComparison.Ordinal);
        Assert.Contains("seven", heard, StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("tool_calls").EnumerateArray(), c => c.GetProperty("tool_name").GetString() == "calculator" && c.GetProperty("status").GetString() == "completed");
        Assert.Contains("eighty-four", json.GetProperty("agent_transcript").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("conversation_id").GetString()));
        Assert.Equal(24000, json.GetProperty("output").GetProperty("sample_rate").GetInt32());

        var audio = WavFile.Read(answer);
        Assert.Equal(24000, audio.SampleRate);
        Assert.InRange(audio.Duration.TotalSeconds, 0.8, 8);
        Assert.True(Pcm16.Rms(audio.Pcm) > 300, $"the answer is near silence (RMS {Pcm16.Rms(audio.Pcm):F0})");
        Assert.Equal((long)audio.Duration.TotalMilliseconds, json.GetProperty("output").GetProperty("duration_ms").GetInt64());
    }

    [Fact]
    public async Task A_question_at_the_wrong_rate_is_a_usage_error()
    {
        var question = Path.Combine(_folder, "cd.wav");
        WavFile.Write(question, new byte[4410], 44100);
        using var cli = new CliRun(server.Url, CliServerFixture.ApiKey);

        var result = await cli.RunAsync("ask", question, "--out", Path.Combine(_folder, "a.wav"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("16000 Hz PCM16 mono", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
