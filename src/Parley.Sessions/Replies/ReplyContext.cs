using Microsoft.Extensions.AI;
using Parley.Engines.Audio;
using Parley.Engines.TextToSpeech;
using Parley.Sessions.Outbound;

namespace Parley.Sessions.Replies;

/// <summary>What every reply of one session needs: the agent, the voice, and where the audio goes.</summary>
internal sealed record ReplyContext(
    IChatClient Agent,
    ChatOptions? ChatOptions,
    Parley.Engines.Speech.VoiceRoute Voice,
    IAudioResampler Resampler,
    Outbox Outbox,
    VoiceSessionOptions Options,
    TimeProvider Time,
    IReplyObserver Observer,
    bool SendAgentPieces = true,
    Listening.EchoDetector? Echo = null,
    LineOutput? Line = null,
    Recording.CallRecorder? Recorder = null);
