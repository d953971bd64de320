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
/// <remarks>Without <c>ConversationLocks</c> nothing keeps two sessions out of one conversation (tests of one session use none).</remarks>
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
    Conversations.IConversationLocks? ConversationLocks = null);
