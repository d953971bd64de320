using Microsoft.Extensions.Logging;
using Parley.Engines.Audio;
using Parley.Engines.SpeechToText;
using Parley.Engines.TextToSpeech;
using Parley.Engines.VoiceActivity;
using Parley.Sessions.Agents;
using Parley.Storage.Agents;
using Parley.Storage.Conversations;
using Parley.Storage.Messages;

namespace Parley.Sessions;

/// <summary>The shared, thread-safe parts every voice session uses: engines, agents, storage, options.</summary>
/// <remarks>
/// <c>Recordings</c> (null: nothing is recorded), <c>Observers</c> (told when stored sessions start and end) and
/// <c>Knowledge</c> (which finds the index of each of a session's <c>file_ids</c>; null: files are not searched) are optional.
/// </remarks>
public sealed record VoiceSessionServices(
    IVoiceActivityDetector VoiceActivity,
    ISpeechRecognizer Recognizer,
    ISpeechSynthesizer Synthesizer,
    IAudioResampler Resampler,
    IAgentFactory Agents,
    AgentStore AgentStore,
    ConversationStore Conversations,
    MessageStore Messages,
    VoiceSessionOptions Options,
    Voices.VoicePresets VoicePresets,
    TimeProvider Time,
    ILoggerFactory LoggerFactory,
    IReadOnlyList<IStartReferenceCheck>? ReferenceChecks = null,
    Recording.SessionRecordings? Recordings = null,
    IReadOnlyList<Lifecycle.ISessionObserver>? Observers = null,
    Parley.Storage.Knowledge.KnowledgeStore? Knowledge = null);
