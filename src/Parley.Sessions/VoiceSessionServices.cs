using Microsoft.Extensions.Logging;
using Parley.Engines.Audio;
using Parley.Engines.Speech;
using Parley.Engines.VoiceActivity;
using Parley.Sessions.Agents;
using Parley.Storage.Agents;
using Parley.Storage.Conversations;
using Parley.Storage.Messages;

namespace Parley.Sessions;

/// <summary>The shared, thread-safe parts every voice session uses: engines, agents, storage, options.</summary>
/// <remarks>
/// <see cref="Speech"/> holds the recognisers and synthesisers, found by the names agents and clients give. Without
/// <c>ConversationLocks</c> nothing keeps two sessions out of one conversation (tests of one session use none).
/// <c>Orchestrator</c> runs background tasks; without it sessions have no task tools and announce nothing.
/// <c>Recordings</c> (null: nothing is recorded), <c>Observers</c> (told when stored sessions start and end) and
/// <c>Knowledge</c> (which finds the index of each of a session's <c>file_ids</c>; null: files are not searched) are optional.
/// </remarks>
public sealed record VoiceSessionServices(
    IVoiceActivityDetector VoiceActivity,
    ISpeechCatalog Speech,
    IAudioResampler Resampler,
    IAgentFactory Agents,
    AgentStore AgentStore,
    ConversationStore Conversations,
    MessageStore Messages,
    VoiceSessionOptions Options,
    TimeProvider Time,
    ILoggerFactory LoggerFactory,
    IReadOnlyList<IStartReferenceCheck>? ReferenceChecks = null,
    Conversations.IConversationLocks? ConversationLocks = null,
    Orchestration.TaskOrchestrator? Orchestrator = null,
    Recording.SessionRecordings? Recordings = null,
    IReadOnlyList<Lifecycle.ISessionObserver>? Observers = null,
    Parley.Storage.Knowledge.KnowledgeStore? Knowledge = null);
