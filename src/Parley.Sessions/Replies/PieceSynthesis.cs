using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Parley.Engines.TextToSpeech;
using Parley.Sessions.Telemetry;

namespace Parley.Sessions.Replies;

/// <summary>Turns the agent's streamed text into spoken pieces: sentences as they complete, each synthesised as a stream of chunks.</summary>
/// <remarks>
/// One piece of look-ahead: the next sentence is being synthesised while the current one plays, so a busy or remote
/// synthesiser delays its start instead of opening a gap. Within a piece, chunks are handed over as they come (playback
/// starts before synthesis ends), up to <see cref="ChunksAhead"/> ahead of playback.
/// </remarks>
/// <param name="context">The session's reply context.</param>
/// <param name="reached">Told once when the agent's first text comes (<see cref="TurnStage.FirstText"/>), once when the first synthesised audio does.</param>
/// <param name="onUpdate">Told every update of the agent's.</param>
internal sealed class PieceSynthesis(ReplyContext context, Action<TurnStage> reached, Action<ChatResponseUpdate> onUpdate)
{
    private bool _textReached;
    private bool _audioReached;

    private const int ChunksAhead = 64;

    private readonly Channel<SpokenPiece> _pieces = Channel.CreateBounded<SpokenPiece>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

    /// <summary>The pieces, in order; completes (or faults) when the reply's text is all spoken or fails.</summary>
    public ChannelReader<SpokenPiece> Pieces => _pieces.Reader;

    /// <summary>Reads the agent's text and synthesises it piece by piece; the caller awaits it once playback is over.</summary>
    public async Task RunAsync(IAsyncEnumerable<ChatResponseUpdate> updates, CancellationToken token)
    {
        try
        {
            var splitter = new SentenceSplitter();
            var first = true;
            await foreach (var update in updates.WithCancellation(token).ConfigureAwait(false))
            {
                onUpdate(update);
                if (string.IsNullOrEmpty(update.Text))
                {
                    continue;
                }

                if (!_textReached)
                {
                    _textReached = true;
                    reached(TurnStage.FirstText);
                }

                foreach (var piece in splitter.Append(update.Text))
                {
                    await SpeakAsync(piece, first, token).ConfigureAwait(false);
                    first = false;
                }
            }

            if (splitter.Flush() is { } rest)
            {
                await SpeakAsync(rest, first, token).ConfigureAwait(false);
            }

            _pieces.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            // The player sees the failure (or the cancellation) where it waits for the next piece.
            _pieces.Writer.TryComplete(ex);
            throw;
        }
    }

    private async Task SpeakAsync(string text, bool first, CancellationToken token)
    {
        var chunks = Channel.CreateBounded<SpeechChunk>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
        await _pieces.Writer.WriteAsync(new SpokenPiece(text, chunks.Reader), token).ConfigureAwait(false);
        try
        {
            // The first piece is awaited by the listener; later ones are synthesised while an earlier one plays.
            var voice = context.Voice;
            var request = new SynthesisRequest(text, voice.Voice) { Urgent = first, Model = voice.Model };
            await foreach (var chunk in voice.Synthesizer.SynthesizeAsync(request, token).ConfigureAwait(false))
            {
                if (!_audioReached)
                {
                    _audioReached = true;
                    reached(TurnStage.FirstAudio);
                }

                await chunks.Writer.WriteAsync(chunk, token).ConfigureAwait(false);
            }

            chunks.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            chunks.Writer.TryComplete(ex);
            throw;
        }
    }
}
