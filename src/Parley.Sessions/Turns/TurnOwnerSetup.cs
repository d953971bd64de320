using Microsoft.Extensions.Logging;
using Parley.Sessions.History;
using Parley.Sessions.Idle;
using Parley.Sessions.Lifecycle;
using Parley.Sessions.Outbound;

namespace Parley.Sessions.Turns;

/// <summary>What the <see cref="TurnOwner"/> acts through: the conversation, the lines, the wire, the idle prompter and the session's end.</summary>
/// <remarks><c>TasksHeard</c> records that the user has heard the outcomes of these background tasks.</remarks>
internal sealed record TurnOwnerSetup(
    ConversationHistory History,
    SessionTranscript Transcript,
    Outbox Outbox,
    IdlePrompter Idle,
    VoiceSessionOptions Options,
    Action<EndReason> RequestEnd,
    ILogger Logger,
    string MessageId,
    CancellationToken Lifetime,
    Action<IReadOnlyList<string>>? TasksHeard = null);
