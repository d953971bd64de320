using System.Threading.Channels;
using Parley.Engines.TextToSpeech;

namespace Parley.Sessions.Replies;

/// <summary>A sentence or clause of a reply and its speech, which may still be arriving from the synthesiser.</summary>
internal sealed record SpokenPiece(string Text, ChannelReader<SpeechChunk> Chunks);
