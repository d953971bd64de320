using Parley.Storage.Files;

namespace Parley.Sessions.Recording;

/// <summary>The recorder's background side: puts what the session heard and played into clips and the call track, one item at a time.</summary>
/// <remarks>
/// Only the recorder's writer task uses it, so it holds its state without locks. Places on the session's clock:
/// <list type="bullet">
/// <item>the user's audio runs on at its own steady rate from where its first frame was recorded (the capture clock's
/// estimate), so frames neither overlap nor leave gaps; a pause of the client's of over <see cref="UserGap"/> starts it
/// again where the audio was recorded, and between utterances it moves back when the estimate does (by
/// <see cref="UserResync"/> or more), never before the session's start (audio recorded before it, which a client held
/// until <c>started</c>, lies from 0 on);</item>
/// <item>the agent's audio lies where the pacer says each frame plays (the client's clock starts with the first frame
/// and moves on after an underrun).</item>
/// </list>
/// </remarks>
internal sealed class RecordingWriter(RecordingSetup setup) : IAsyncDisposable
{
    /// <summary>The user's audio rate (the microphone's, as the protocol fixes it).</summary>
    public const int UserRate = 16_000;

    /// <summary>A pause in the client's audio longer than this is a gap on the clock, not jitter.</summary>
    public static readonly TimeSpan UserGap = TimeSpan.FromSeconds(2);

    /// <summary>How much earlier than its place on the track the user's audio must turn out to be recorded before the track moves back to it.</summary>
    public static readonly TimeSpan UserResync = TimeSpan.FromMilliseconds(10);

    // Frames kept for the start of an utterance: more than the listener's pre-roll (320 ms of 32 ms frames).
    private const int RingFrames = 32;

    // The call track holds this much in memory: enough for a client's burst allowance (5 s) ahead of the clock.
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);

    // The call track is written in pieces of at least this much, so storage sees few, larger writes.
    private static readonly TimeSpan WriteBatch = TimeSpan.FromMilliseconds(500);

    private readonly Upsampler _upsampler = new();
    private readonly (short[] Samples, int Count, long Position)[] _ring = new (short[], int, long)[RingFrames];
    private readonly Dictionary<object, AgentReplyRecording> _replies = new(ReferenceEqualityComparer.Instance);
    private readonly List<AudioClipRecord> _clips = [];
    private short[] _upsampled = new short[1024];
    private int _ringCount;
    private int _ringNext;
    private CallTrack? _call;
    private RecordingFile? _callFile;
    private long _user16 = -1;
    private long _userRunStart16; // where the user's audio since the last start of the track lies from
    private long _user24;
    private long? _userFrontier24;
    private RecordingFile? _utterance;
    private long _utteranceStart16;
    private long _utteranceFloor16; // the earliest the utterance can lie: where it would if its run of audio moved back to 0
    private int _userClips;
    private int _agentClips;

    /// <summary>Opens the whole-call recording.</summary>
    public async Task StartAsync()
    {
        var file = await RecordingFile.CreateAsync(setup, FileKinds.CallRecording, $"call-{setup.MessageId}.wav", CallTrack.SampleRate, channels: 2)
            .ConfigureAwait(false);
        _callFile = file;
        _call = new CallTrack(samples => file.WriteAsync(samples.Span), (int)(Window.TotalSeconds * CallTrack.SampleRate));
    }

    public async Task HandleAsync(RecorderItem item)
    {
        switch (item)
        {
            case RecorderItem.UserAudio audio:
                await OnUserAudioAsync(audio.Samples.AsMemory(0, audio.Count), audio.RecordedAt).ConfigureAwait(false);
                break;
            case RecorderItem.UtteranceBegan began:
                await OnUtteranceBeganAsync(began.Frames).ConfigureAwait(false);
                break;
            case RecorderItem.UtteranceEnded ended:
                await OnUtteranceEndedAsync(ended.Kept).ConfigureAwait(false);
                break;
            case RecorderItem.AgentAudio audio:
                await OnAgentAudioAsync(audio).ConfigureAwait(false);
                break;
            case RecorderItem.ReplyEnded ended:
                await OnReplyEndedAsync(ended.Reply, ended.Heard).ConfigureAwait(false);
                break;
        }

        await WriteSettledAsync().ConfigureAwait(false);
    }

    /// <summary>Closes every file: an utterance still open came to nothing, a reply still open keeps what certainly played.</summary>
    public async Task<RecordingResult> FinishAsync(bool failed)
    {
        if (_utterance is { } open)
        {
            _utterance = null;
            await open.DiscardAsync().ConfigureAwait(false);
        }

        foreach (var reply in _replies.Keys.ToList())
        {
            await OnReplyEndedAsync(reply, TimeSpan.Zero).ConfigureAwait(false);
        }

        if (_call is null || _callFile is null)
        {
            return RecordingResult.None;
        }

        await _call.FlushAsync().ConfigureAwait(false);
        await _callFile.CompleteAsync(clip: null).ConfigureAwait(false);
        return new RecordingResult(_clips, failed ? null : _callFile.Row with { State = FileStates.Ready, SizeBytes = WavHeader.Length + (_callFile.Frames * 4) }, 0);
    }

    public async ValueTask DisposeAsync()
    {
        // Files still open (a failure midway) are closed; their rows stay 'writing' and the sweeper finishes them.
        if (_utterance is not null)
        {
            await _utterance.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var reply in _replies.Values.Where(r => r.File is not null))
        {
            await reply.File!.DisposeAsync().ConfigureAwait(false);
        }

        if (_callFile is not null)
        {
            await _callFile.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task OnUserAudioAsync(ReadOnlyMemory<short> frame, long recordedAt)
    {
        var ideal = Position(recordedAt, UserRate) - frame.Length;
        var gap = (long)(UserGap.TotalSeconds * UserRate);
        if (_user16 < 0 || ideal - _user16 > gap)
        {
            // The first audio, or the client stopped sending for a while: the track starts again where this was recorded.
            _user16 = Math.Max(0, ideal) & ~1L;
            _userRunStart16 = _user16;
            _user24 = Upsampler.OutputsFor(_user16);
            _upsampler.Reset();
        }
        else if (_utterance is null && _user16 - ideal >= (long)(UserResync.TotalSeconds * UserRate))
        {
            // The capture clock learned that the audio was recorded earlier than its first frames said (they came late:
            // a busy start, a slow first packet). Between utterances the track moves back to it, frames kept for the
            // next one's pre-roll with it, so clips lie where they were spoken; on the call track the new audio
            // overwrites the last of what was laid, which was no one's words.
            // Not before the session's start: audio a client held until `started` (sent in a burst) was recorded
            // earlier still, but the recording begins there, so the run of audio moves back no further than to 0: a
            // clip's start_time_ms is never negative, and the held audio lies from 0 on, in order.
            var back = Math.Min(_user16 - Math.Max(0, ideal), _userRunStart16) & ~1L;
            _userRunStart16 -= back;
            _user16 -= back;
            for (var i = 0; i < _ringCount; i++)
            {
                _ring[(_ringNext - 1 - i + RingFrames) % RingFrames].Position -= back;
            }

            _user24 = Upsampler.OutputsFor(_user16);
            _upsampler.Reset();
        }

        var position = _user16;
        _user16 += frame.Length;
        Remember(frame.Span, position);
        if (_utterance is not null)
        {
            await _utterance.WriteAsync(frame.Span).ConfigureAwait(false);

            // The clip's samples run on unbroken to this frame's end, recorded at `ideal + frame.Length` as the capture
            // clock now knows it: the earliest start that implies is the best (its first frames may have come late),
            // but no earlier than the track itself could move back (held audio lies from the session's start on).
            _utteranceStart16 = Math.Min(_utteranceStart16, Math.Max(_utteranceFloor16, ideal + frame.Length - _utterance.Frames));
        }

        if (_upsampled.Length < (frame.Length * 3 / 2) + 2)
        {
            _upsampled = new short[(frame.Length * 3 / 2) + 2];
        }

        var written = _upsampler.Process(frame.Span, _upsampled);
        await _call!.PlaceAsync(CallTrack.Left, _user24, _upsampled.AsMemory(0, written)).ConfigureAwait(false);
        _user24 += written;
        _userFrontier24 = _user24;
    }

    private async Task OnUtteranceBeganAsync(int frames)
    {
        if (_utterance is { } unfinished)
        {
            _utterance = null;
            await unfinished.DiscardAsync().ConfigureAwait(false);
        }

        var take = Math.Min(frames, _ringCount);
        var file = await RecordingFile.CreateAsync(setup, FileKinds.AudioClip, $"user-{++_userClips}.wav", UserRate, channels: 1).ConfigureAwait(false);
        _utteranceStart16 = _user16;
        for (var i = take; i >= 1; i--)
        {
            var (samples, count, position) = _ring[(_ringNext - i + RingFrames) % RingFrames];
            _utteranceStart16 = i == take ? position : _utteranceStart16;
            await file.WriteAsync(samples.AsSpan(0, count)).ConfigureAwait(false);
        }

        _utteranceFloor16 = Math.Max(0, _utteranceStart16 - _userRunStart16);
        _utterance = file;
    }

    private async Task OnUtteranceEndedAsync(bool kept)
    {
        if (_utterance is not { } file)
        {
            return;
        }

        _utterance = null;
        if (!kept || file.Frames == 0)
        {
            await file.DiscardAsync().ConfigureAwait(false);
            return;
        }

        await CompleteClipAsync(file, "user", setup.UserId, _utteranceStart16 * 1000 / UserRate).ConfigureAwait(false);
    }

    private async Task OnAgentAudioAsync(RecorderItem.AgentAudio audio)
    {
        if (!_replies.TryGetValue(audio.Reply, out var reply))
        {
            var holdBack = (setup.PlaybackLead + setup.OutputFrameDuration + setup.OutputFrameDuration).TotalSeconds * CallTrack.SampleRate;
            reply = new AgentReplyRecording((long)Math.Ceiling(holdBack));
            _replies.Add(audio.Reply, reply);
        }

        foreach (var kept in reply.Add(audio.Samples, Position(audio.PlaysAt, CallTrack.SampleRate)))
        {
            await KeepAsync(reply, kept).ConfigureAwait(false);
        }
    }

    private async Task OnReplyEndedAsync(object key, TimeSpan heard)
    {
        if (!_replies.Remove(key, out var reply))
        {
            return; // It played nothing.
        }

        foreach (var kept in reply.End((long)Math.Round(heard.TotalSeconds * CallTrack.SampleRate)))
        {
            await KeepAsync(reply, kept).ConfigureAwait(false);
        }

        if (reply.File is { } file)
        {
            await CompleteClipAsync(file, "agent", setup.AgentId, reply.StartPosition * 1000 / CallTrack.SampleRate).ConfigureAwait(false);
        }
    }

    private async Task KeepAsync(AgentReplyRecording reply, AgentReplyRecording.Kept kept)
    {
        reply.File ??= await RecordingFile.CreateAsync(setup, FileKinds.AudioClip, $"agent-{++_agentClips}.wav", CallTrack.SampleRate, channels: 1)
            .ConfigureAwait(false);
        await reply.File.WriteAsync(kept.Samples.Span).ConfigureAwait(false);
        await _call!.PlaceAsync(CallTrack.Right, kept.Position, kept.Samples).ConfigureAwait(false);
    }

    private async Task CompleteClipAsync(RecordingFile file, string participant, string participantId, long startMs)
    {
        var clip = new AudioClipRecord
        {
            FileId = file.Row.Id,
            MessageId = setup.MessageId,
            ParticipantType = participant,
            ParticipantId = participantId,
            StartTimeMs = startMs,
            DurationMs = file.DurationMs,
        };
        await file.CompleteAsync(clip).ConfigureAwait(false);
        await file.DisposeAsync().ConfigureAwait(false);
        _clips.Add(clip);
    }

    /// <summary>Writes out the part of the call nothing can land on any more: before the user's newest audio, the agent's audio still held, and now.</summary>
    private async Task WriteSettledAsync()
    {
        var now = Position(setup.Time.GetTimestamp(), CallTrack.SampleRate);
        var settled = Math.Min(now, _userFrontier24 ?? now);
        foreach (var reply in _replies.Values)
        {
            if (reply.HeldFrom is { } held)
            {
                settled = Math.Min(settled, held);
            }
        }

        if (settled - _call!.Written >= WriteBatch.TotalSeconds * CallTrack.SampleRate)
        {
            await _call.WriteUntilAsync(settled).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps a copy of a frame for the start of the next utterance (its pre-roll).</summary>
    private void Remember(ReadOnlySpan<short> frame, long position)
    {
        ref var slot = ref _ring[_ringNext];
        if (slot.Samples is null || slot.Samples.Length < frame.Length)
        {
            slot.Samples = new short[frame.Length];
        }

        frame.CopyTo(slot.Samples);
        slot.Count = frame.Length;
        slot.Position = position;
        _ringNext = (_ringNext + 1) % RingFrames;
        _ringCount = Math.Min(_ringCount + 1, RingFrames);
    }

    /// <summary>Where a timestamp of the session's clock lies, in samples at <paramref name="rate"/> from the session's start.</summary>
    private long Position(long timestamp, int rate)
        => (long)Math.Round((double)(timestamp - setup.SessionStart) / setup.Time.TimestampFrequency * rate);
}
