using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Tests.Timelines;

namespace Parley.Sessions.Tests.Core;

/// <summary>
/// Barge-in on sound: speech over the agent that is not its echo stops it at once (<c>interrupted</c>), before any word
/// is known; the words then decide whether the user took the floor (answered) or not (the agent says the rest of its
/// reply, from the sentence it was cut in, as a reply of its own on the wire).
/// </summary>
public sealed class BargeInOnSoundTests(TimelineStorage storage) : IClassFixture<TimelineStorage>
{
    // The scripted agent's first reply has four sentences, each made five times longer (about 2.5 s of audio): long enough to talk over.
    private const string Question = "tell me a story please";

    private static readonly VoiceSessionOptions OnSound = SessionHarness.Defaults with { BargeInOnSound = true };

    private static readonly int LongReplySeed = Enumerable.Range(1, 1000).First(seed => new Random(seed).Next(1, 5) == 4);

    [Fact]
    public async Task A_backchannel_over_the_agent_stops_it_at_once_and_it_resumes_from_the_cut_sentence()
    {
        await using var session = new SessionHarness(storage, heard: ["okay yeah"], options: OnSound, agentSeed: LongReplySeed, speechScale: 5);
        await session.StartAsync();
        session.Send(new TextMessage(new TextPayload { Text = Question }));
        await ListenUntilTheAgentSpeaksAsync(session);

        await session.SpeakAsync(1); // "okay yeah": no stop word, never two words that take the floor
        await session.WaitForAsync(m => m is InterruptedMessage, "interrupted on the sound of the speech");
        await session.SpeakAsync(3, loud: false);
        await session.WaitForAsync(m => m is AudioMessage && After<InterruptedMessage>(session.Frames, m), "the rest of the reply");

        var frames = session.Frames.ToList();
        var cut = frames.FindIndex(m => m is InterruptedMessage);
        var resumed = frames.FindIndex(cut, m => m is TranscriptMessage { Payload.Role: Roles.Agent });
        var resumedAudio = frames.FindIndex(cut, m => m is AudioMessage);
        Assert.True(resumed > cut && resumed < resumedAudio, "the resumed reply begins with a transcript of its own, before any audio");
        Assert.StartsWith("Answer r1 ", ((TranscriptMessage)frames[resumed]).Payload.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(frames, IsSpokenTurn);
        Assert.Single(frames, m => m is InterruptedMessage);
    }

    [Fact]
    public async Task Words_that_take_the_floor_after_the_cut_are_answered_and_the_cut_reply_does_not_resume()
    {
        await using var session = new SessionHarness(storage, heard: ["hold on wait"], options: OnSound, agentSeed: LongReplySeed, speechScale: 5);
        await session.StartAsync();
        session.Send(new TextMessage(new TextPayload { Text = Question }));
        await ListenUntilTheAgentSpeaksAsync(session);

        await session.SpeakAsync(1);
        await session.WaitForAsync(m => m is InterruptedMessage, "interrupted on the sound of the speech");
        await session.SpeakAsync(2);
        await session.SpeakAsync(3, loud: false);
        await session.WaitForAsync(m => m is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.StartsWith("Answer r2", StringComparison.Ordinal), "the answer");

        var frames = session.Frames.ToList();
        var cut = frames.FindIndex(m => m is InterruptedMessage);
        var turn = frames.FindIndex(m => m is TranscriptMessage { Payload: { Role: Roles.User, Text: "hold on wait" } });
        Assert.True(turn > cut);
        Assert.DoesNotContain(frames.Skip(cut), m => m is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.Contains("r1", StringComparison.Ordinal));
        Assert.DoesNotContain(frames.Take(turn).Skip(cut), m => m is AudioMessage);
    }

    [Fact]
    public async Task With_barge_in_on_sound_off_a_backchannel_neither_stops_the_agent_nor_is_answered()
    {
        var options = SessionHarness.Defaults with { BargeInOnSound = false };
        await using var session = new SessionHarness(storage, heard: ["okay yeah"], options: options, agentSeed: LongReplySeed, speechScale: 5);
        await session.StartAsync();
        session.Send(new TextMessage(new TextPayload { Text = Question }));
        await ListenUntilTheAgentSpeaksAsync(session);

        await session.SpeakAsync(1);
        await session.SpeakAsync(4, loud: false);

        Assert.False(
            session.Frames.Any(m => m is InterruptedMessage || IsSpokenTurn(m)),
            string.Join(", ", session.Frames.Where(m => m is not AudioMessage).Select(m => m is TranscriptMessage t ? $"{t.Payload.Role}: {t.Payload.Text}" : m.Type)));
    }

    /// <summary>An open microphone: quiet chunks until the agent's audio comes, and a second more, so the line is heard quiet while it talks.</summary>
    /// <remarks>The line must be heard quiet while the agent's audio could have echoed (up to 320 ms after it played): in a reply's first half second the sound cannot tell a voice from an echo.</remarks>
    private static async Task ListenUntilTheAgentSpeaksAsync(SessionHarness session)
    {
        for (var i = 0; i < 40 && !session.Frames.Any(m => m is AudioMessage); i++)
        {
            await session.SpeakAsync(1, loud: false);
        }

        Assert.Contains(session.Frames, m => m is AudioMessage);
        await session.SpeakAsync(4, loud: false);
    }

    private static bool IsSpokenTurn(VoiceMessage message) => message is TranscriptMessage { Payload.Role: Roles.User } t && t.Payload.Text != Question;

    private static bool After<T>(IReadOnlyList<VoiceMessage> frames, VoiceMessage message)
    {
        var at = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i] is T && at < 0)
            {
                at = i;
            }

            if (ReferenceEquals(frames[i], message))
            {
                return at >= 0 && i > at;
            }
        }

        return false;
    }
}
