using System.Runtime.CompilerServices;
using Parley.Engines.Speech;
using Parley.Engines.TextToSpeech;

namespace Parley.Engines.Tests.Speech;

/// <summary>A synthesiser for wrapper tests: one chunk of 400 ms per word, timed when asked, failing as told.</summary>
internal sealed class FakeSynthesizer(string name, bool timed = false, Func<int, int, SpeechEngineException?>? failAt = null) : ISpeechSynthesizer
{
    public List<string> Asked { get; } = [];

    public string Name => name;

    public SynthesizerCapabilities Capabilities => new(true, timed, 16000, Remote: name != "flite");

    public IReadOnlyList<string> Voices => [$"{name}-voice"];

    public string DefaultVoice => Voices[0];

    /// <param name="request">What to say.</param>
    /// <param name="cancellationToken">Stops it.</param>
    public async IAsyncEnumerable<SpeechChunk> SynthesizeAsync(SynthesisRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Asked.Add(request.Text);
        var attempt = Asked.Count;
        var words = request.Text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            await Task.Yield();
            if (failAt?.Invoke(attempt, i) is { } failure)
            {
                throw failure;
            }

            var word = new SpokenWord(words[i], TimeSpan.FromMilliseconds(400 * i), TimeSpan.FromMilliseconds(400));
            yield return new SpeechChunk(new short[6400], 16000, timed ? [word] : null);
        }
    }
}
