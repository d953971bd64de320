namespace Parley.Agents.Embedded;

/// <summary>What the user asked the embedded agent for.</summary>
internal enum IntentKind
{
    Unknown,
    Greeting,
    HowAreYou,
    Time,
    Date,
    TimeAndDate,
    Arithmetic,
    Help,
    Thanks,
    Goodbye,
    Introduction,
    AskName,
}
