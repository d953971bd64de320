namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>What one run of the hearing comparison covers: which questions, in which voices, how many times.</summary>
public sealed record HearingPlan(string Name, IReadOnlyList<HearingQuestion> Questions, IReadOnlyList<string> Voices, int Runs)
{
    /// <summary>The environment variable that chooses the plan: unset or <c>ci</c> the subset (every test run), <c>full</c> the whole set, <c>off</c> none.</summary>
    public const string Variable = "PARLEY_CONSOLE_HEARING";

    /// <summary>
    /// Ten questions the embedded agent answers, which PocketSphinx hears right when they are streamed directly in
    /// Flite's rms and slt voices (kal16 and awb lost a word in 3-4 of them). Short answers, so the next question
    /// never lands on the agent still speaking.
    /// </summary>
    public static readonly IReadOnlyList<HearingQuestion> AllQuestions =
    [
        new("what time is it right now", "^It's .*(morning|afternoon|evening|night|noon|midnight|o'clock)"),
        new("what is twelve times seven", "is eighty-four"),
        new("what is one hundred minus twenty", "is eighty\\."),
        new("what is fifty divided by five", "is ten\\."),
        new("what time is it in tokyo", "^In Tokyo, it's"),
        new("what is seven plus five", "is twelve\\."),
        new("what time is it in london", "^In London, it's"),
        new("good morning", "^Hi there!"),
        new("what is six times nine", "is fifty-four"),
        new("what is eleven plus eleven", "is twenty-two"),
    ];

    /// <summary>Two voices PocketSphinx hears well, a man's and a woman's (the woman's has more to lose above 5 kHz).</summary>
    public static readonly IReadOnlyList<string> TwoVoices = ["rms", "slt"];

    /// <summary>Every question, both voices, three runs: ~3.5 minutes. Asked for with <c>PARLEY_CONSOLE_HEARING=full</c>.</summary>
    public static HearingPlan Full { get; } = new("full", AllQuestions, TwoVoices, 3);

    /// <summary>For every test run, CI included: the first six questions (the first one right after the press), both voices, once: ~2 minutes.</summary>
    public static HearingPlan Ci { get; } = new("ci", [.. AllQuestions.Take(6)], TwoVoices, 1);

    /// <summary>The plan the environment asks for; null when it asks for none.</summary>
    public static HearingPlan? FromEnvironment() => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or "ci" => Ci,
        "full" => Full,
        "off" => null,
        var other => throw new InvalidOperationException($"{Variable}={other}: use 'full' (every question, three runs), 'off', or leave it unset (the CI subset)."),
    };
}
